-- One row per team per event: the team's drivers' laps, pit stops and best lap (the sessions
-- Fast-F1 has), and its race and sprint points and best finish from gold.fct_results (every
-- source, so a race the Fast-F1 cache lacks still scores).
with summaries as (
    select * from {{ ref('driver_session_summary') }}
    where team_name is not null
),

team_sessions as (
    select
        event_id,
        team_name,
        any_value(season) as season,
        any_value(round) as round,
        count(distinct driver_code) as drivers,
        count(distinct session_id) as sessions,
        cast(sum(laps) as bigint) as laps,
        cast(sum(laps_on_track) as bigint) as laps_on_track,
        cast(sum(pit_stops) as bigint) as pit_stops,
        min(best_lap_ms) as best_lap_ms,
        min(best_lap_ms) filter (where session_type = 'qualifying') as best_qualifying_lap_ms,
        cast(sum(personal_best_laps) as bigint) as personal_best_laps
    from summaries
    group by event_id, team_name
),

team_results as (
    select
        event_id,
        team_name,
        sum(points) filter (where session_code = 'R') as race_points,
        sum(points) filter (where session_code = 'S') as sprint_points,
        min(finish_position) filter (where session_code = 'R') as best_race_finish_position
    from {{ ref('fct_results') }}
    where session_code in ('R', 'S')
    group by event_id, team_name
),

final as (
    select
        team_sessions.event_id || '-' || team_sessions.team_name as team_event_id,
        team_sessions.event_id,
        team_sessions.season,
        team_sessions.round,
        team_sessions.team_name,
        team_sessions.drivers,
        team_sessions.sessions,
        team_sessions.laps,
        team_sessions.laps_on_track,
        team_sessions.pit_stops,
        team_sessions.best_lap_ms,
        team_sessions.best_qualifying_lap_ms,
        team_sessions.personal_best_laps,
        coalesce(team_results.race_points, 0) as race_points,
        coalesce(team_results.sprint_points, 0) as sprint_points,
        team_results.best_race_finish_position
    from team_sessions
    left join team_results
        on
            team_sessions.event_id = team_results.event_id
            and team_sessions.team_name = team_results.team_name
)

select * from final
