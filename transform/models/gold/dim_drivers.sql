-- One row per driver who ever entered a championship session, 1950-today (rules in
-- dim_drivers.yml): keyed by the Ergast driverRef, with the Ergast record (names, nationality,
-- date of birth, permanent number) and Fast-F1's latest labels (code, number, team, colour).
with history as (
    select * from {{ ref('stg_history_drivers') }}
),

fastf1 as (
    select * from {{ ref('int_fastf1_entries') }}
),

latest_fastf1 as (
    select
        driver_ref,
        arg_max(conformed_driver_code, session_id) filter (
            where conformed_driver_code is not null
        ) as driver_code,
        arg_max(driver_full_name, session_id) filter (
            where driver_full_name is not null
        ) as driver_full_name,
        arg_max(first_name, session_id) filter (where first_name is not null) as first_name,
        arg_max(last_name, session_id) filter (where last_name is not null) as last_name,
        arg_max(broadcast_name, session_id) filter (
            where broadcast_name is not null
        ) as broadcast_name,
        arg_max(driver_country_code, session_id) filter (
            where driver_country_code is not null
        ) as driver_country_code,
        arg_max(headshot_url, session_id) filter (
            where headshot_url is not null
        ) as headshot_url,
        arg_max(driver_number, session_id) as latest_driver_number,
        arg_max(team_name, session_id) filter (where team_name is not null) as latest_team_name,
        arg_max(team_colour_hex, session_id) filter (
            where team_colour_hex is not null
        ) as latest_team_colour_hex,
        min(season) as first_season,
        max(season) as last_season,
        -- seasons with a championship race or sprint entry (a practice outing is no season)
        min(season) filter (where session_code in ('R', 'S')) as first_race_season,
        max(season) filter (where session_code in ('R', 'S')) as last_race_season,
        count(distinct session_id) as sessions_count
    from fastf1
    group by driver_ref
),

history_seasons as (
    select
        driver_ref,
        min(season) as first_season,
        max(season) as last_season
    from {{ ref('int_history_session_results') }}
    group by driver_ref
),

driver_refs as (
    select driver_ref from history
    union
    select driver_ref from latest_fastf1
),

final as (
    select
        driver_refs.driver_ref,
        history.driver_id,
        coalesce(latest_fastf1.driver_code, history.driver_code) as driver_code,
        history.permanent_number,
        coalesce(history.first_name, latest_fastf1.first_name) as first_name,
        coalesce(history.last_name, latest_fastf1.last_name) as last_name,
        coalesce(
            history.driver_full_name, latest_fastf1.driver_full_name, driver_refs.driver_ref
        ) as driver_full_name,
        history.nationality,
        history.date_of_birth,
        coalesce(
            least(history_seasons.first_season, latest_fastf1.first_race_season),
            latest_fastf1.first_season
        ) as first_season,
        coalesce(
            greatest(history_seasons.last_season, latest_fastf1.last_race_season),
            latest_fastf1.last_season
        ) as last_season,
        latest_fastf1.broadcast_name,
        latest_fastf1.driver_country_code,
        latest_fastf1.headshot_url,
        latest_fastf1.latest_driver_number,
        latest_fastf1.latest_team_name,
        latest_fastf1.latest_team_colour_hex,
        coalesce(latest_fastf1.sessions_count, 0) as sessions_count,
        driver_refs.driver_ref as driver_ergast_id,
        case
            when history.driver_ref is not null then 'ergast' else 'fastf1'
        end as driver_source
    from driver_refs
    left join history on driver_refs.driver_ref = history.driver_ref
    left join latest_fastf1 on driver_refs.driver_ref = latest_fastf1.driver_ref
    left join history_seasons on driver_refs.driver_ref = history_seasons.driver_ref
)

select * from final
