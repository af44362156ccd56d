{{ session_incremental_config() }}
-- One row per pit stop (a pit-in lap), with pit-lane time and tyre change.
select
    session_id || '-' || driver_number || '-' || pit_stop_number as pit_stop_id,
    session_id,
    event_id,
    season,
    round,
    session_code,
    driver_code,
    driver_number,
    team_name,
    pit_stop_number,
    in_lap_number,
    pit_in_session_time_ms,
    pit_out_session_time_ms,
    pit_lane_time_ms,
    compound_before,
    compound_after
from {{ ref('pit_stops') }}
{{ only_new_sessions() }}
