{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- rows served before the source column existed are all Fast-F1's (added on an incremental build)
{{ config(post_hook="update {{ this }} set lap_source = 'fastf1' where lap_source is null") }}
-- One row per driver lap, with clean-lap and pit flags and the gap to the session's best lap.
-- Fast-F1's laps, and OpenF1's for the sessions Fast-F1 has no laps for (lap_source says
-- which). Incremental: only sessions new or changed upstream since the last build are added.
with new_laps as (
    {{ fastf1_and_openf1('stg_laps', 'int_openf1_laps', 'lap_source', only_new_sessions()) }}
),

-- the session's fastest lap, by the one best-lap definition (int_best_laps)
session_best as (
    select
        session_id,
        min(lap_time_ms) as fastest_lap_ms
    from {{ ref('int_best_laps') }}
    group by session_id
),

laps as (
    select
        new_laps.* replace (
            -- the season's one team name (silver.int_team_names)
            coalesce(team_names.team_name, new_laps.team_name) as team_name
        ),
        session_best.fastest_lap_ms
    from new_laps
    left join session_best on new_laps.session_id = session_best.session_id
    left join {{ ref('int_team_names') }} as team_names
        on new_laps.season = team_names.season and new_laps.team_name = team_names.fastf1_team_name
)

select
    session_id || '-' || driver_number || '-'
    || lpad(cast(lap_number as varchar), 3, '0') as lap_id,
    session_id,
    event_id,
    season,
    round,
    session_code,
    driver_code,
    driver_number,
    team_name,
    lap_number,
    stint_number,
    compound,
    tyre_life_laps,
    is_fresh_tyre,
    lap_time_ms,
    sector_1_ms,
    sector_2_ms,
    sector_3_ms,
    lap_time_ms - coalesce(fastest_lap_ms, min(lap_time_ms) over (partition by session_id))
        as gap_to_session_best_ms,
    speed_i1_kmh,
    speed_i2_kmh,
    speed_fl_kmh,
    speed_st_kmh,
    running_position,
    track_status,
    lap_started_at,
    lap_start_session_time_ms,
    lap_end_session_time_ms,
    is_personal_best,
    is_deleted,
    deleted_reason,
    is_accurate,
    is_fast_f1_generated,
    is_pit_in_lap,
    is_pit_out_lap,
    is_clean_lap,
    lap_source,
    ingested_at
from laps
-- clustered by session so season/session filters skip row groups (DuckDB zone maps)
order by session_id, driver_number, lap_number
