{{ session_incremental_config() }}
-- The ONE definition of a driver's best lap in a session (int_best_laps.yml): Fast-F1's
-- Laps.pick_fastest() per driver. Gold, the dashboard and the copilot all read it from here.
-- Built session by session (a session's best laps depend on that session's laps only).
with personal_bests as (
    select
        session_id,
        event_id,
        season,
        round,
        session_code,
        driver_number,
        driver_code,
        team_name,
        lap_number,
        lap_time_ms,
        lap_start_session_time_ms,
        lap_end_session_time_ms,
        compound,
        tyre_life_laps,
        -- bronze lineage, so session-incremental models downstream see re-ingested sessions
        ingested_at
    from {{ ref('stg_laps') }}
    where is_personal_best and not is_deleted and lap_time_ms is not null and {{ is_new_session() }}
),

driver_best as (
    -- equal times: the lap clocked first (Fast-F1 takes the first; the FIA ranks it ahead)
    select * from personal_bests
    qualify row_number() over (
        partition by session_id, driver_number order by lap_time_ms, lap_number
    ) = 1
),

final as (
    select
        session_id || '-' || driver_number as driver_best_lap_id,
        *,
        row_number() over (
            partition by session_id order by lap_time_ms, lap_end_session_time_ms, driver_number
        ) as session_rank,
        lap_time_ms - min(lap_time_ms) over (partition by session_id) as gap_to_session_best_ms
    from driver_best
)

select * from final
