{{ session_incremental_config() }}
-- One row per driver stint, with clean-lap pace and fuel-corrected tyre degradation (rules and
-- fuel model in fct_stints.yml).
{%- set fuel_effect_ms_per_lap = var('fuel_effect_ms_per_lap', 30) %}
with race_sessions as (
    select session_code from {{ ref('session_codes') }}
    where session_type in ('race', 'sprint')
),

laps as (
    select
        *,
        max(lap_number) over (partition by session_id) as session_laps
    from {{ ref('stg_laps') }}
    where {{ is_new_session() }}
),

clean_laps as (
    select
        laps.session_id,
        laps.driver_number,
        laps.stint_number,
        laps.lap_time_ms,
        laps.tyre_life_laps as tyre_age_laps,
        race_sessions.session_code is not null as is_race_like,
        -- fuel correction to the end-of-session fuel load: each lap of fuel still on board
        -- costs fuel_effect_ms_per_lap
        (
            laps.lap_time_ms
            - {{ fuel_effect_ms_per_lap }} * (laps.session_laps - laps.lap_number)
        ) as fuel_corrected_lap_ms
    from laps
    left join race_sessions on laps.session_code = race_sessions.session_code
    where laps.is_clean_lap and laps.stint_number is not null
),

pace as (
    select
        session_id,
        driver_number,
        stint_number,
        count(*) as clean_laps,
        min(lap_time_ms) as best_clean_lap_ms,
        avg(lap_time_ms) as avg_clean_lap_ms,
        -- degradation: race and sprint only, 5+ clean laps on 2+ tyre ages
        (
            count(*) >= 5
            and count(distinct tyre_age_laps) >= 2
            and bool_and(is_race_like)
        ) as is_fitted,
        count(tyre_age_laps) as laps_with_tyre_age,
        regr_slope(fuel_corrected_lap_ms, tyre_age_laps) as fuel_corrected_slope,
        regr_slope(lap_time_ms, tyre_age_laps) as raw_slope,
        regr_r2(fuel_corrected_lap_ms, tyre_age_laps) as fuel_corrected_r2
    from clean_laps
    group by session_id, driver_number, stint_number
),

final as (
    select
        (
            stints.session_id || '-' || stints.driver_number || '-' || stints.stint_number
        ) as stint_id,
        stints.session_id,
        stints.event_id,
        stints.season,
        stints.round,
        stints.session_code,
        stints.driver_code,
        stints.driver_number,
        coalesce(team_names.team_name, stints.team_name) as team_name,
        stints.stint_number,
        stints.compound,
        stints.first_lap_number,
        stints.last_lap_number,
        stints.laps_in_stint,
        stints.tyre_age_at_start_laps,
        stints.tyre_age_at_end_laps,
        stints.is_fresh_tyre,
        coalesce(pace.clean_laps, 0) as clean_laps,
        pace.best_clean_lap_ms,
        pace.avg_clean_lap_ms,
        case
            when pace.is_fitted then round(pace.fuel_corrected_slope, 3)
        end as degradation_ms_per_lap,
        case
            when pace.is_fitted then round(pace.raw_slope, 3)
        end as raw_degradation_ms_per_lap,
        case
            when pace.is_fitted then pace.laps_with_tyre_age
        end as degradation_laps_used,
        case
            when pace.is_fitted then round(pace.fuel_corrected_r2, 4)
        end as degradation_r2
    from {{ ref('stints') }} as stints
    left join pace
        on
            stints.session_id = pace.session_id
            and stints.driver_number = pace.driver_number
            and stints.stint_number = pace.stint_number
    -- the season's one team name (silver.int_team_names)
    left join {{ ref('int_team_names') }} as team_names
        on stints.season = team_names.season and stints.team_name = team_names.fastf1_team_name
    where {{ is_new_session('stints.session_id') }}
)

select * from final
