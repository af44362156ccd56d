-- One row per ingested session (Fast-F1, or OpenF1 alone): labels, start time, what data it
-- has, where its laps come from and its fastest lap.
with fastf1_sessions as (
    select
        session_id,
        event_id,
        season,
        round,
        session_code,
        session_name,
        session_type,
        session_start_at
    from {{ ref('stg_sessions') }}
),

openf1_sessions as (
    select
        openf1.session_id,
        openf1.event_id,
        openf1.season,
        openf1.round,
        openf1.session_code,
        codes.session_name,
        codes.session_type,
        openf1.session_start_at
    from {{ ref('stg_openf1_sessions') }} as openf1
    inner join {{ ref('session_codes') }} as codes on openf1.session_code = codes.session_code
    anti join fastf1_sessions on openf1.session_id = fastf1_sessions.session_id
),

sessions as (
    select * from fastf1_sessions
    union all
    select * from openf1_sessions
),

all_laps as (
    select
        session_id,
        lap_number,
        'fastf1' as lap_source
    from {{ ref('stg_laps') }}
    union all
    select
        session_id,
        lap_number,
        lap_source
    from {{ ref('int_openf1_laps') }}
),

lap_stats as (
    select
        session_id,
        count(*) as lap_count,
        min(lap_number) as min_lap_number,
        max(lap_number) as max_lap_number,
        min(lap_source) as lap_source
    from all_laps
    group by session_id
),

overtake_sessions as (
    select distinct session_id from {{ ref('stg_openf1_overtakes') }}
),

-- the session's fastest lap = rank 1 of the one best-lap definition (int_best_laps)
fastest as (
    select
        session_id,
        driver_code as fastest_lap_driver_code,
        driver_number as fastest_lap_driver_number,
        lap_time_ms as fastest_lap_ms
    from {{ ref('int_best_laps') }}
    where session_rank = 1
    union all
    -- sessions with OpenF1 laps only: the quickest timed lap (first clocked on a tie)
    select
        session_id,
        driver_code as fastest_lap_driver_code,
        driver_number as fastest_lap_driver_number,
        lap_time_ms as fastest_lap_ms
    from {{ ref('int_openf1_laps') }}
    where lap_time_ms is not null
    qualify row_number() over (
        partition by session_id order by lap_time_ms, lap_ended_at, driver_number
    ) = 1
),

result_stats as (
    select
        session_id,
        count(*) as driver_count
    from {{ ref('stg_results') }}
    group by session_id
),

weather_sessions as (
    select distinct session_id from {{ ref('stg_weather') }}
),

race_control_sessions as (
    select distinct session_id from {{ ref('stg_race_control') }}
)

select
    sessions.session_id,
    sessions.event_id,
    sessions.season,
    sessions.round,
    sessions.session_code,
    sessions.session_name,
    sessions.session_type,
    sessions.session_start_at,
    events.event_name,
    events.country,
    events.location,
    coalesce(result_stats.driver_count, 0) as driver_count,
    coalesce(lap_stats.lap_count, 0) as lap_count,
    lap_stats.min_lap_number,
    lap_stats.max_lap_number,
    lap_stats.lap_source,
    fastest.fastest_lap_driver_code,
    fastest.fastest_lap_driver_number,
    fastest.fastest_lap_ms,
    lap_stats.session_id is not null as has_laps,
    result_stats.session_id is not null as has_results,
    weather_sessions.session_id is not null as has_weather,
    race_control_sessions.session_id is not null as has_race_control,
    overtake_sessions.session_id is not null as has_overtakes
from sessions
left join {{ ref('stg_events') }} as events on sessions.event_id = events.event_id
left join lap_stats on sessions.session_id = lap_stats.session_id
left join fastest on sessions.session_id = fastest.session_id
left join result_stats on sessions.session_id = result_stats.session_id
left join weather_sessions on sessions.session_id = weather_sessions.session_id
left join race_control_sessions on sessions.session_id = race_control_sessions.session_id
left join overtake_sessions on sessions.session_id = overtake_sessions.session_id
