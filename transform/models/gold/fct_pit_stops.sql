{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- rows served before the source column existed are all Fast-F1's (added on an incremental build)
{{ config(post_hook="update {{ this }} set pit_source = 'fastf1' where pit_source is null") }}
-- One row per pit stop (a pit-in lap), with pit-lane time and tyre change: Fast-F1's, and
-- OpenF1's for the sessions Fast-F1 has no laps for (pit_source says which).
with fastf1_stops as (
    select
        *,
        'fastf1' as pit_source
    from {{ ref('pit_stops') }}
    {{ only_new_sessions() }}
),

openf1_stops as (
    select * from {{ ref('int_openf1_pit_stops') }}
    {{ only_new_sessions() }}
),

stops as (
    select * from fastf1_stops
    union all by name
    select * from openf1_stops
),

final as (
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
        compound_after,
        pit_source
    from stops
)

select * from final
