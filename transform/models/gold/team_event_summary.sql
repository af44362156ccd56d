-- One row per team per event: the team's drivers' laps, pit stops, best lap and points.
select
    event_id || '-' || team_name as team_event_id,
    event_id,
    any_value(season) as season,
    any_value(round) as round,
    team_name,
    count(distinct driver_code) as drivers,
    count(distinct session_id) as sessions,
    cast(sum(laps) as bigint) as laps,
    cast(sum(laps_on_track) as bigint) as laps_on_track,
    cast(sum(pit_stops) as bigint) as pit_stops,
    min(best_lap_ms) as best_lap_ms,
    min(best_lap_ms) filter (where session_type = 'qualifying') as best_qualifying_lap_ms,
    cast(sum(personal_best_laps) as bigint) as personal_best_laps,
    coalesce(sum(points) filter (where session_type = 'race'), 0) as race_points,
    coalesce(sum(points) filter (where session_type = 'sprint'), 0) as sprint_points,
    min(finish_position) filter (where session_type = 'race') as best_race_finish_position
from {{ ref('driver_session_summary') }}
where team_name is not null
group by event_id, team_name
