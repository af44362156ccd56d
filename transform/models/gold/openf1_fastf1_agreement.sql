-- Where Fast-F1 and OpenF1 both have a session's laps: Fast-F1's are served (precedence), and
-- this compares the two, lap by lap (same driver, same lap number) and stop by stop.
with fastf1_laps as (
    select
        session_id,
        driver_number,
        lap_number,
        lap_time_ms
    from {{ ref('stg_laps') }}
),

openf1_laps as (
    select
        session_id,
        driver_number,
        lap_number,
        lap_time_ms
    from {{ ref('stg_openf1_laps') }}
),

both_sessions as (
    select distinct session_id from openf1_laps
    intersect
    select distinct session_id from fastf1_laps
),

paired as (
    select
        coalesce(fastf1_laps.session_id, openf1_laps.session_id) as session_id,
        fastf1_laps.lap_time_ms as fastf1_lap_time_ms,
        openf1_laps.lap_time_ms as openf1_lap_time_ms,
        fastf1_laps.lap_number is not null as in_fastf1,
        openf1_laps.lap_number is not null as in_openf1
    from fastf1_laps
    full outer join openf1_laps
        on
            fastf1_laps.session_id = openf1_laps.session_id
            and fastf1_laps.driver_number = openf1_laps.driver_number
            and fastf1_laps.lap_number = openf1_laps.lap_number
    where coalesce(fastf1_laps.session_id, openf1_laps.session_id) in (
        select both_sessions.session_id from both_sessions
    )
),

lap_agreement as (
    select
        session_id,
        count(*) filter (where in_fastf1) as fastf1_laps,
        count(*) filter (where in_openf1) as openf1_laps,
        count(*) filter (where in_fastf1 and in_openf1) as laps_in_both,
        count(*) filter (
            where fastf1_lap_time_ms is not null and openf1_lap_time_ms is not null
        ) as laps_timed_in_both,
        count(*) filter (
            where abs(fastf1_lap_time_ms - openf1_lap_time_ms) > 1
        ) as laps_differing_over_1_ms,
        max(abs(fastf1_lap_time_ms - openf1_lap_time_ms)) as max_lap_time_difference_ms
    from paired
    group by session_id
),

stop_counts as (
    select
        session_id,
        count(*) filter (where stop_source = 'fastf1') as fastf1_pit_stops,
        count(*) filter (where stop_source = 'openf1') as openf1_pit_stops
    from (
        select
            session_id,
            'fastf1' as stop_source
        from {{ ref('pit_stops') }}
        union all
        select
            session_id,
            'openf1' as stop_source
        from {{ ref('stg_openf1_pit') }}
    )
    group by session_id
),

final as (
    select
        lap_agreement.*,
        coalesce(stop_counts.fastf1_pit_stops, 0) as fastf1_pit_stops,
        coalesce(stop_counts.openf1_pit_stops, 0) as openf1_pit_stops,
        'fastf1' as served_source
    from lap_agreement
    left join stop_counts on lap_agreement.session_id = stop_counts.session_id
)

select * from final
