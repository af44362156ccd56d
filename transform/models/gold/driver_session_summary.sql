-- One row per driver per session: laps, pit stops, best lap and classification. Laps are
-- Fast-F1's, or OpenF1's for the sessions Fast-F1 has no laps for; pit stops are
-- gold.fct_pit_stops' (its source precedence).
with all_laps as (
    select * from {{ ref('stg_laps') }}
    union all by name
    select * from {{ ref('int_openf1_laps') }}
),

all_stops as (
    select
        session_id,
        driver_code
    from {{ ref('fct_pit_stops') }}
),

laps as (
    select
        session_id,
        driver_code,
        any_value(driver_number) as driver_number,
        any_value(team_name) as team_name,
        count(*) as laps,
        count(*) filter (where not is_pit_in_lap and not is_pit_out_lap) as laps_on_track,
        count(*) filter (where is_personal_best) as personal_best_laps,
        count(*) filter (where is_deleted) as deleted_laps,
        count(*) filter (where is_clean_lap) as clean_laps,
        avg(lap_time_ms) filter (where is_clean_lap) as avg_clean_lap_ms,
        min(lap_time_ms) filter (where is_personal_best and not is_deleted) as personal_best_ms
    from all_laps
    group by session_id, driver_code
),

best_laps as (
    select
        session_id,
        driver_code,
        min(lap_time_ms) as best_lap_ms
    from {{ ref('int_best_laps') }}
    group by session_id, driver_code
),

stops as (
    select
        session_id,
        driver_code,
        count(*) as pit_stops
    from all_stops
    group by session_id, driver_code
),

results as (
    -- the classification as gold serves it (grid from silver.int_starting_grid, the Ergast sheet
    -- where Fast-F1 has no classification)
    select *
    from {{ ref('fct_results') }}
    where driver_code is not null
),

drivers as (
    select
        session_id,
        driver_code
    from laps
    union
    select
        session_id,
        driver_code
    from results
)

select
    drivers.session_id || '-' || drivers.driver_code as driver_session_id,
    drivers.session_id,
    sessions.event_id,
    sessions.season,
    sessions.round,
    sessions.session_code,
    sessions.session_type,
    drivers.driver_code,
    coalesce(results.driver_number, laps.driver_number) as driver_number,
    coalesce(results.team_name, team_names.team_name, laps.team_name) as team_name,
    coalesce(laps.laps, 0) as laps,
    coalesce(laps.laps_on_track, 0) as laps_on_track,
    coalesce(stops.pit_stops, 0) as pit_stops,
    -- int_best_laps (Fast-F1's rule); OpenF1 laps: the driver's quickest timed lap
    coalesce(best_laps.best_lap_ms, laps.personal_best_ms) as best_lap_ms,
    rank() over (
        partition by drivers.session_id
        order by coalesce(best_laps.best_lap_ms, laps.personal_best_ms) asc nulls last
    ) as best_lap_rank,
    coalesce(laps.personal_best_laps, 0) as personal_best_laps,
    coalesce(laps.deleted_laps, 0) as deleted_laps,
    coalesce(laps.clean_laps, 0) as clean_laps,
    laps.avg_clean_lap_ms,
    results.finish_position,
    results.grid_position,
    results.status,
    results.points
from drivers
inner join {{ ref('stg_sessions') }} as sessions on drivers.session_id = sessions.session_id
left join laps
    on drivers.session_id = laps.session_id and drivers.driver_code = laps.driver_code
left join results
    on drivers.session_id = results.session_id and drivers.driver_code = results.driver_code
left join best_laps
    on drivers.session_id = best_laps.session_id and drivers.driver_code = best_laps.driver_code
left join stops
    on drivers.session_id = stops.session_id and drivers.driver_code = stops.driver_code
-- the season's one team name (silver.int_team_names)
left join {{ ref('int_team_names') }} as team_names
    on sessions.season = team_names.season and laps.team_name = team_names.fastf1_team_name
