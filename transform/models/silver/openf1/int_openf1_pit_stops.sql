-- OpenF1 pit stops in the shape of silver pit_stops, for the race and sprint sessions Fast-F1
-- has no laps for (the same precedence as int_openf1_laps).
with pits as (
    select * from {{ ref('stg_openf1_pit') }}
),

laps as (
    select * from {{ ref('int_openf1_laps') }}
),

race_sessions as (
    select session_code from {{ ref('session_codes') }}
    where session_type in ('race', 'sprint')
),

drivers as (
    select distinct
        session_id,
        driver_number,
        driver_code,
        team_name
    from laps
),

final as (
    select
        pits.session_id,
        pits.event_id,
        pits.season,
        pits.round,
        pits.session_code,
        drivers.driver_code,
        pits.driver_number,
        drivers.team_name,
        pits.in_lap_number,
        pits.pit_entry_at,
        pits.pit_lane_time_ms,
        pits.ingested_at,
        row_number() over (
            partition by pits.session_id, pits.driver_number
            order by pits.in_lap_number, pits.pit_entry_at
        ) as pit_stop_number,
        'openf1' as pit_source
    from pits
    inner join race_sessions on pits.session_code = race_sessions.session_code
    inner join drivers
        on
            pits.session_id = drivers.session_id
            and pits.driver_number = drivers.driver_number
)

select * from final
