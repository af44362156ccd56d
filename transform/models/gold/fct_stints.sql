{{ session_incremental_config() }}
-- One row per driver stint, with clean-lap pace and tyre degradation (lap-time slope).
with clean_laps as (
    select
        session_id,
        driver_number,
        stint_number,
        lap_time_ms,
        coalesce(tyre_life_laps, lap_number) as tyre_age_laps
    from {{ ref('stg_laps') }}
    where
        is_clean_lap
        and stint_number is not null
        and {{ is_new_session() }}
),

pace as (
    select
        session_id,
        driver_number,
        stint_number,
        count(*) as clean_laps,
        min(lap_time_ms) as best_clean_lap_ms,
        avg(lap_time_ms) as avg_clean_lap_ms,
        case
            when count(*) >= 3 and count(distinct tyre_age_laps) >= 2
                then round(regr_slope(lap_time_ms, tyre_age_laps), 3)
        end as degradation_ms_per_lap
    from clean_laps
    group by session_id, driver_number, stint_number
)

select
    stints.session_id || '-' || stints.driver_number || '-' || stints.stint_number as stint_id,
    stints.session_id,
    stints.event_id,
    stints.season,
    stints.round,
    stints.session_code,
    stints.driver_code,
    stints.driver_number,
    stints.team_name,
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
    pace.degradation_ms_per_lap
from {{ ref('stints') }} as stints
left join pace
    on
        stints.session_id = pace.session_id
        and stints.driver_number = pace.driver_number
        and stints.stint_number = pace.stint_number
where {{ is_new_session('stints.session_id') }}
