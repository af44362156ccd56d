-- One row per driver per session classification (race, sprint, qualifying, practice).
-- The grid slot / pit-lane start of races and sprints comes from silver.int_starting_grid.
select
    results.session_id || '-' || results.driver_number as result_id,
    results.session_id,
    results.event_id,
    results.season,
    results.round,
    results.session_code,
    sessions.session_type,
    coalesce(results.driver_code, season_drivers.driver_code) as driver_code,
    results.driver_number,
    results.driver_full_name,
    results.team_name,
    results.team_colour_hex,
    results.finish_position,
    results.classified_position,
    grids.grid_position,
    coalesce(grids.is_pit_lane_start, false) as is_pit_lane_start,
    coalesce(regexp_full_match(results.classified_position, '[0-9]+'), false) as is_classified,
    -- rules in fct_results.yml: positions gained for classified finishers only; a pit-lane
    -- start counts as the last grid slot
    cast(case
        when
            sessions.session_type in ('race', 'sprint')
            and regexp_full_match(results.classified_position, '[0-9]+')
            then
                coalesce(
                    grids.grid_position,
                    case when grids.is_pit_lane_start then grids.starters_count end
                )
                - results.finish_position
    end as integer) as positions_gained,
    results.status,
    results.points,
    results.laps_completed,
    results.race_time_ms,
    results.q1_ms,
    results.q2_ms,
    results.q3_ms,
    least(results.q1_ms, results.q2_ms, results.q3_ms) as best_qualifying_lap_ms,
    coalesce(
        sessions.session_type in ('race', 'sprint') and results.finish_position = 1, false
    ) as is_winner,
    coalesce(
        sessions.session_type in ('race', 'sprint') and results.finish_position <= 3, false
    ) as is_podium,
    'fastf1' as result_source,
    results.driver_ergast_id as driver_ref
from {{ ref('stg_results') }} as results
inner join {{ ref('stg_sessions') }} as sessions on results.session_id = sessions.session_id
left join {{ ref('int_starting_grid') }} as grids
    on results.session_id = grids.session_id and results.driver_number = grids.driver_number
left join {{ ref('season_drivers') }} as season_drivers
    on
        results.season = season_drivers.season
        and results.driver_number = season_drivers.driver_number
where
    results.session_id not in (
        select history.session_id
        from {{ ref('int_history_race_classifications') }} as history
    )
-- history: every race and sprint Fast-F1 has no classification for (1950-, ingestion history)
union all
select * from {{ ref('int_history_race_classifications') }}
