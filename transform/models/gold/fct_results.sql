-- One row per driver per session classification (race, sprint, qualifying, practice).
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
    results.grid_position,
    case
        when sessions.session_type in ('race', 'sprint')
            then results.grid_position - results.finish_position
    end as positions_gained,
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
