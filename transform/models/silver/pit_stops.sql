{{ session_incremental_config() }}
-- One row per pit stop: a lap with a pit-in time. Pit-lane time = the next lap's pit-out
-- session time minus this lap's pit-in session time (NULL when the car never came out).
with laps as (
    select * from {{ ref('stg_laps') }}
    {{ only_new_sessions() }}
),

pit_in_laps as (
    select
        laps.session_id,
        laps.event_id,
        laps.season,
        laps.round,
        laps.session_code,
        laps.driver_number,
        laps.driver_code,
        laps.team_name,
        laps.lap_number as in_lap_number,
        laps.pit_in_session_time_ms,
        next_lap.pit_out_session_time_ms,
        laps.compound as compound_before,
        next_lap.compound as compound_after,
        laps.ingested_at
    from laps
    left join laps as next_lap
        on
            laps.session_id = next_lap.session_id
            and laps.driver_number = next_lap.driver_number
            and laps.lap_number + 1 = next_lap.lap_number
    where laps.is_pit_in_lap
)

select
    *,
    row_number() over (
        partition by session_id, driver_number order by in_lap_number
    ) as pit_stop_number,
    case
        when pit_out_session_time_ms >= pit_in_session_time_ms
            then pit_out_session_time_ms - pit_in_session_time_ms
    end as pit_lane_time_ms
from pit_in_laps
