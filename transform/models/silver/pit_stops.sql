{{ session_incremental_config() }}
-- One row per pit stop, by the rules in pit_stops.yml: race and sprint only, an in-lap followed
-- by an out-lap, not a retirement in-lap, not a pit entry under a red flag.
with laps as (
    select * from {{ ref('stg_laps') }}
    {{ only_new_sessions() }}
),

race_sessions as (
    select session_code from {{ ref('session_codes') }}
    where session_type in ('race', 'sprint')
),

in_laps as (
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
        coalesce(next_lap.is_pit_out_lap, false) as is_followed_by_out_lap,
        -- track status '5' = red flag shown during the in-lap (Fast-F1's TrackStatus feed)
        coalesce(contains(laps.track_status, '5'), false) as is_red_flag_entry,
        laps.ingested_at
    from laps
    inner join race_sessions on laps.session_code = race_sessions.session_code
    left join laps as next_lap
        on
            laps.session_id = next_lap.session_id
            and laps.driver_number = next_lap.driver_number
            and laps.lap_number + 1 = next_lap.lap_number
    where laps.is_pit_in_lap
),

stops as (
    select * exclude (is_followed_by_out_lap, is_red_flag_entry)
    from in_laps
    where is_followed_by_out_lap and not is_red_flag_entry
),

final as (
    select
        *,
        row_number() over (
            partition by session_id, driver_number order by in_lap_number
        ) as pit_stop_number,
        case
            when pit_out_session_time_ms >= pit_in_session_time_ms
                then pit_out_session_time_ms - pit_in_session_time_ms
        end as pit_lane_time_ms
    from stops
)

select * from final
