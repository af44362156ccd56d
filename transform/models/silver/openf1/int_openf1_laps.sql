-- OpenF1 laps in the shape of stg_laps, for the sessions Fast-F1 has no laps for (precedence:
-- Fast-F1 first, OpenF1 fills the gaps; see int_openf1_laps.yml). The running position is
-- OpenF1's position at the end of the lap; before a driver's first position change it is the
-- starting grid (Fast-F1 results), as OpenF1 sends only changes.
with laps as (
    select * from {{ ref('stg_openf1_laps') }}
),

drivers as (
    select * from {{ ref('stg_openf1_drivers') }}
),

positions as (
    select * from {{ ref('stg_openf1_positions') }}
),

pits as (
    select * from {{ ref('stg_openf1_pit') }}
),

results as (
    select * from {{ ref('stg_results') }}
),

fastf1_lap_sessions as (
    select distinct session_id from {{ ref('stg_laps') }}
),

gap_laps as (
    select laps.*
    from laps
    anti join fastf1_lap_sessions on laps.session_id = fastf1_lap_sessions.session_id
),

positioned as (
    select
        gap_laps.*,
        positions.running_position as position_after_change
    from gap_laps
    asof left join positions
        on
            gap_laps.session_id = positions.session_id
            and gap_laps.driver_number = positions.driver_number
            and gap_laps.lap_ended_at >= positions.position_at
),

shaped as (
    select
        positioned.session_id,
        positioned.event_id,
        positioned.season,
        positioned.round,
        positioned.session_code,
        positioned.driver_number,
        coalesce(results.driver_code, drivers.driver_code) as driver_code,
        coalesce(results.team_name, drivers.team_name) as team_name,
        positioned.lap_number,
        positioned.lap_time_ms,
        positioned.sector_1_ms,
        positioned.sector_2_ms,
        positioned.sector_3_ms,
        positioned.speed_i1_kmh,
        positioned.speed_i2_kmh,
        positioned.speed_st_kmh,
        positioned.lap_started_at,
        positioned.lap_ended_at,
        coalesce(positioned.position_after_change, results.grid_position) as running_position,
        positioned.is_pit_out_lap,
        pits.in_lap_number is not null as is_pit_in_lap,
        positioned.ingested_at
    from positioned
    left join drivers
        on
            positioned.session_id = drivers.session_id
            and positioned.driver_number = drivers.driver_number
    left join results
        on
            positioned.session_id = results.session_id
            and positioned.driver_number = results.driver_number
    left join pits
        on
            positioned.session_id = pits.session_id
            and positioned.driver_number = pits.driver_number
            and positioned.lap_number = pits.in_lap_number
),

final as (
    select
        *,
        -- clean-lap rule of stg_laps without Fast-F1's accuracy and track-status flags,
        -- which OpenF1 laps do not carry
        lap_time_ms is not null
        and not is_pit_in_lap
        and not is_pit_out_lap
        and lap_number > 1
        and lap_time_ms < 1.07 * min(lap_time_ms) over (partition by session_id) as is_clean_lap,
        lap_time_ms is not null
        and lap_time_ms = min(lap_time_ms) over (
            partition by session_id, driver_number
        ) as is_personal_best,
        false as is_deleted,
        'openf1' as lap_source
    from shaped
)

select * from final
