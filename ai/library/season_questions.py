"""Library entries about a season, a driver or a team (standings, wins, calendar, ...)."""

from __future__ import annotations

from ai.library.templates import Template, t

QUESTIONS: tuple[Template, ...] = (
    t(
        "champion",
        "{season} drivers' championship — final standings",
        r"champion|championship|title|standings",
        "season no_event",
        """select s.championship_position, s.driver_code, d.driver_full_name, s.cumulative_points
      from gold.driver_standings s join gold.dim_drivers d using (driver_code)
      where s.season = {season} and s.round = (select max(round) from gold.driver_standings
      where season = {season}) order by s.championship_position, s.driver_code""",
        "Who won the 2024 drivers' championship?",
    ),
    t(
        "season_winners",
        "Race winners {season}",
        r"winners|who won|race wins|won each|won every",
        "season no_event",
        """select e.round, e.event_name, r.driver_code, r.driver_full_name, r.team_name
      from gold.fct_results r join gold.dim_events e using (event_id)
      where r.season = {season} and r.session_code = 'R' and r.finish_position = 1
      order by e.round""",
        "Who won each race in 2024?",
    ),
    t(
        "driver_win_count",
        "{d1} wins {season}",
        r"how many (races|wins|grands? prix)|wins|victories|won",
        "season driver no_event",
        """select driver_code, count(*) filter (where finish_position = 1) as wins,
      count(*) filter (where finish_position <= 3) as podiums, count(*) as races
      from gold.fct_results where season = {season} and session_code = 'R'
      and driver_code = {d1} group by driver_code""",
        "How many races did Verstappen win in 2024?",
    ),
    t(
        "wins_table",
        "Race wins by driver {season}",
        r"most wins|wins (by|per)|win count",
        "season no_event no_driver",
        """select driver_code, count(*) as wins from gold.fct_results where season = {season}
      and session_code = 'R' and finish_position = 1 group by driver_code
      order by wins desc, driver_code""",
        "Which driver had the most wins in 2024?",
    ),
    t(
        "podiums_table",
        "Podiums by driver {season}",
        r"most podiums|podiums (by|per)|podium count",
        "season no_event no_driver",
        """select driver_code, count(*) as podiums from gold.fct_results where season = {season}
      and session_code = 'R' and finish_position <= 3 group by driver_code
      order by podiums desc, driver_code""",
        "Who had the most podiums in 2024?",
    ),
    t(
        "points_progression",
        "{d1} championship points by round {season}",
        r"points? progress(ion)?|points (over|after each|by round)|cumulative points|points",
        "season driver",
        """select s.round, e.event_name, s.driver_code, s.points_in_round, s.cumulative_points,
      s.championship_position from gold.driver_standings s join gold.dim_events e
      using (event_id) where s.season = {season} and s.driver_code = {d1} order by s.round""",
        "How did Norris's points progress over 2024?",
    ),
    t(
        "team_points",
        "Team points {season}",
        r"constructor|team points|teams'? points|points by team|team standings",
        "season no_event no_driver",
        """select team_name, sum(coalesce(points, 0)) as points from gold.fct_results
      where season = {season} and session_code in ('R', 'S') group by team_name
      order by points desc, team_name""",
        "Constructors' points in 2024",
    ),
    t(
        "teammate_h2h",
        "Team-mate head-to-head {season}",
        r"head[- ]to[- ]head|team-?mates?|team mates?|\bh2h\b",
        "season driver",
        """select team_name, comparison, driver_code, teammate_driver_code, sessions_compared,
      driver_ahead_count, teammate_ahead_count from gold.teammate_head_to_head
      where season = {season} and driver_code = {d1} order by comparison""",
        "Hamilton vs his team-mate head to head in 2024",
    ),
    t(
        "rainy_sessions",
        "Sessions with rain {season}",
        r"sessions? (had|with) rain|rain(fall|ed|y)?\b|\bwet\b",
        "season no_event",
        """select w.session_id, s.event_name, s.session_name, w.rainfall_sample_share
      from gold.session_weather_summary w join gold.dim_sessions s using (session_id)
      where w.season = {season} and w.had_rainfall order by w.session_id""",
        "Which sessions had rain in 2024?",
    ),
    t(
        "season_positions_gained",
        "Positions gained over {season}",
        r"positions? gained|places gained|gained",
        "season no_event",
        """select driver_code, sum(positions_gained) as positions_gained, count(*) as races
      from gold.fct_results where season = {season} and session_code = 'R'
      group by driver_code order by positions_gained desc, driver_code""",
        "Total positions gained by driver in 2024",
    ),
    t(
        "calendar",
        "Calendar {season}",
        r"calendar|schedule|events|rounds|races (in|of)",
        "season no_event",
        """select round, event_name, country, location, event_date, event_format
      from gold.dim_events where season = {season} order by round""",
        "What is the 2024 calendar?",
    ),
    t(
        "driver_info",
        "Driver {d1}",
        r"who is|driver number|car number|number|nationality|about",
        "driver",
        """select driver_code, driver_full_name, latest_driver_number, latest_team_name,
      driver_country_code, first_season, last_season from gold.dim_drivers
      where driver_code = {d1}""",
        "Who is HAM?",
    ),
    t(
        "team_drivers",
        "{team} drivers {season}",
        r"drivers?|drove|line-?up|raced for|driving for",
        "season team no_driver",
        """select driver_code, driver_full_name, count(*) as sessions from gold.fct_results
      where season = {season} and team_name = {team} group by driver_code, driver_full_name
      order by sessions desc, driver_code""",
        "Who drove for Ferrari in 2024?",
    ),
    t(
        "driver_season_results",
        "{d1} race results {season}",
        r"results|finishes|how did|perform|season",
        "season driver no_event",
        """select r.round, e.event_name, r.grid_position, r.finish_position, r.status, r.points
      from gold.fct_results r join gold.dim_events e using (event_id)
      where r.season = {season} and r.session_code = 'R' and r.driver_code = {d1}
      order by r.round""",
        "Leclerc's race results in 2024",
    ),
    t(
        "data_availability",
        "Sessions in the warehouse {season}",
        r"which sessions|available|what data|sessions (have|with)|coverage|sessions",
        "season no_event",
        """select session_id, event_name, session_name, has_laps, has_results, has_weather,
      has_race_control from gold.dim_sessions where season = {season} order by session_id""",
        "Which sessions of 2024 are available?",
    ),
)
