"""The query library: parameterised F1 questions with their SQL over the served gold tables.

Placeholders are filled with SQL literals of values matched in the warehouse's own dimensions:
{season} {round} {event_id} {session_id} {session_code} {d1} {d2} (driver codes) {team}.
`needs` names what a question must mention: event, season, driver, two_drivers, team; `no_event`
and `no_driver` keep season-wide entries from catching event or driver questions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    triggers: str
    needs: frozenset[str]
    sql: str
    example: str
    session: str | None = None  # default session code for event questions


def t(id_: str, title: str, triggers: str, needs: str, sql: str, example: str,
      session: str | None = None) -> Template:  # fmt: skip
    return Template(id_, title, triggers, frozenset(needs.split()), " ".join(sql.split()),
                    example, session)  # fmt: skip


RESULT_COLS = "finish_position, driver_code, driver_full_name, team_name"
TEMPLATES: tuple[Template, ...] = (
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
        "standings_after_round",
        "Drivers' standings after {event_name} {season}",
        r"standings|championship|points table|leader",
        "event",
        """select s.championship_position, s.driver_code, d.driver_full_name, s.cumulative_points,
      s.points_in_round from gold.driver_standings s join gold.dim_drivers d using (driver_code)
      where s.event_id = {event_id} order by s.championship_position, s.driver_code""",
        "Championship standings after the 2024 Spanish Grand Prix",
    ),
    t(
        "race_winner",
        "Winner — {event_name} {season} ({session_code})",
        r"\bwho won\b|\bwinner\b|\bwon\b|\bvictory\b",
        "event",
        f"""select {RESULT_COLS}, race_time_ms, points from gold.fct_results
      where session_id = {{session_id}} and finish_position = 1""",
        "Who won the 2024 Spanish Grand Prix?",
        "R",
    ),
    t(
        "podium",
        "Podium — {event_name} {season} ({session_code})",
        r"podium|top 3|top three|first three",
        "event",
        f"""select {RESULT_COLS}, race_time_ms, points from gold.fct_results
      where session_id = {{session_id}} and finish_position <= 3 order by finish_position""",
        "What was the podium of the 2024 Monaco Grand Prix?",
        "R",
    ),
    t(
        "session_results",
        "Classification — {event_name} {season} ({session_code})",
        r"results?|classification|finishing order|order",
        "event",
        f"""select {RESULT_COLS}, classified_position, grid_position, status, points,
      best_qualifying_lap_ms from gold.fct_results where session_id = {{session_id}}
      order by finish_position nulls last, driver_code""",
        "Results of the 2024 British Grand Prix race",
        "R",
    ),
    t(
        "pole",
        "Pole position — {event_name} {season}",
        r"\bpole\b",
        "event",
        f"""select {RESULT_COLS}, best_qualifying_lap_ms, q3_ms from gold.fct_results
      where session_id = {{session_id}} and finish_position = 1""",
        "Who took pole at the 2024 Canadian Grand Prix?",
        "Q",
    ),
    t(
        "qualifying_times",
        "Qualifying times — {event_name} {season}",
        r"qualifying (times|results|order|classification)|\bq1\b|\bq2\b|\bq3\b",
        "event",
        f"""select {RESULT_COLS}, q1_ms, q2_ms, q3_ms, best_qualifying_lap_ms
      from gold.fct_results where session_id = {{session_id}}
      order by finish_position nulls last, driver_code""",
        "Qualifying times of the 2023 Azerbaijan Grand Prix",
        "Q",
    ),
    t(
        "gap_to_pole",
        "Gap to pole — {event_name} {season}",
        r"gap to (the )?pole|behind pole|gap",
        "event",
        """select finish_position, driver_code, team_name, best_qualifying_lap_ms,
      best_qualifying_lap_ms - min(best_qualifying_lap_ms) over () as gap_to_pole_ms
      from gold.fct_results where session_id = {session_id} and best_qualifying_lap_ms is not null
      order by best_qualifying_lap_ms""",
        "Gap to pole in 2024 Spanish Grand Prix qualifying",
        "Q",
    ),
    t(
        "session_fastest_lap",
        "Fastest lap — {event_name} {season} ({session_code})",
        r"fastest lap|quickest lap|best lap",
        "event no_driver",
        """select session_id, session_name, fastest_lap_driver_code as driver_code,
      fastest_lap_ms from gold.dim_sessions where session_id = {session_id}""",
        "Fastest lap of the 2023 Azerbaijan Grand Prix qualifying",
        "R",
    ),
    t(
        "driver_best_lap",
        "{d1} best lap — {event_name} {season} ({session_code})",
        r"fastest lap|quickest lap|best lap|personal best",
        "event driver",
        """select driver_code, team_name, best_lap_ms, best_lap_rank, laps, finish_position
      from gold.driver_session_summary where session_id = {session_id} and driver_code = {d1}""",
        "What was Leclerc's best lap in 2023 Azerbaijan Grand Prix qualifying?",
        "Q",
    ),
    t(
        "lap_ranking",
        "Best laps ranking — {event_name} {season} ({session_code})",
        r"ranking|who was (the )?fastest|fastest drivers|lap times? ranking|best laps",
        "event",
        """select best_lap_rank, driver_code, team_name, best_lap_ms, laps, clean_laps,
      avg_clean_lap_ms from gold.driver_session_summary where session_id = {session_id}
      and best_lap_ms is not null order by best_lap_rank, driver_code""",
        "Who was fastest in 2024 Spanish Grand Prix FP2?",
        "Q",
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
        "pit_stops",
        "Pit stops — {event_name} {season} ({session_code})",
        r"pit ?stops?|pit-stops?|pitted|pit lane",
        "event",
        """select driver_code, team_name, pit_stop_number, in_lap_number, pit_lane_time_ms,
      compound_before, compound_after from gold.fct_pit_stops where session_id = {session_id}
      order by driver_code, pit_stop_number""",
        "Pit stops in the 2018 Azerbaijan Grand Prix race",
        "R",
    ),
    t(
        "stints",
        "Stints and compounds — {event_name} {season} ({session_code})",
        r"stints?|strateg|compounds?|tyres?|tires?",
        "event",
        """select driver_code, team_name, stint_number, compound, first_lap_number,
      last_lap_number, laps_in_stint, is_fresh_tyre from gold.fct_stints
      where session_id = {session_id} order by driver_code, stint_number""",
        "Tyre strategy in the 2018 Azerbaijan Grand Prix race",
        "R",
    ),
    t(
        "degradation",
        "Tyre degradation — {event_name} {season} ({session_code})",
        r"degradation|\bdeg\b|tyre wear|tire wear|wear",
        "event",
        """select driver_code, stint_number, compound, clean_laps, avg_clean_lap_ms,
      degradation_ms_per_lap from gold.fct_stints where session_id = {session_id}
      and degradation_ms_per_lap is not null order by degradation_ms_per_lap""",
        "Tyre degradation in the 2018 Azerbaijan Grand Prix race",
        "R",
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
        "compare_lap_times",
        "{d1} vs {d2} lap times — {event_name} {season} ({session_code})",
        r"compare|\bvs\.?\b|versus|against|comparison",
        "event two_drivers",
        """select lap_number, driver_code, lap_time_ms, compound, is_personal_best
      from gold.fct_laps where session_id = {session_id} and driver_code in ({d1}, {d2})
      and lap_time_ms is not null order by lap_number, driver_code""",
        "Compare Verstappen and Leclerc lap times in 2024 Spanish Grand Prix qualifying",
        "Q",
    ),
    t(
        "driver_laps",
        "{d1} laps — {event_name} {season} ({session_code})",
        r"lap times|laps|lap by lap|every lap",
        "event driver",
        """select lap_number, lap_time_ms, sector_1_ms, sector_2_ms, sector_3_ms, compound,
      tyre_life_laps, is_personal_best, is_deleted from gold.fct_laps
      where session_id = {session_id} and driver_code = {d1} order by lap_number""",
        "Show Hamilton's laps in 2024 Spanish Grand Prix qualifying",
        "Q",
    ),
    t(
        "session_weather",
        "Weather — {event_name} {season} ({session_code})",
        r"weather|temperature|rain|humidity|wind|hot|cold|wet",
        "event",
        """select session_id, air_temp_avg_c, track_temp_avg_c, track_temp_max_c,
      humidity_avg_pct, wind_speed_avg_ms, had_rainfall from gold.session_weather_summary
      where session_id = {session_id}""",
        "What was the weather in the 2024 Spanish Grand Prix race?",
        "R",
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
        "positions_gained",
        "Positions gained — {event_name} {season} ({session_code})",
        r"positions? gained|places gained|gained|overtak|moved up|climbed",
        "event",
        """select driver_code, team_name, grid_position, finish_position, positions_gained
      from gold.fct_results where session_id = {session_id} and positions_gained is not null
      order by positions_gained desc, driver_code""",
        "Who gained the most positions in the 2024 Brazilian Grand Prix?",
        "R",
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
        "retirements",
        "Retirements — {event_name} {season} ({session_code})",
        r"retire|\bdnfs?\b|did not finish|crash|out of the race",
        "event",
        """select driver_code, team_name, classified_position, status, laps_completed
      from gold.fct_results where session_id = {session_id}
      and classified_position in ('R', 'D', 'E', 'W', 'F', 'N') order by laps_completed desc""",
        "Who retired from the 2024 Australian Grand Prix?",
        "R",
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
        "top_speed",
        "Top speed — {event_name} {season} ({session_code})",
        r"top speed|speed trap|fastest speed|max(imum)? speed|speed",
        "event",
        """select driver_code, team_name, max(speed_st_kmh) as top_speed_kmh from gold.fct_laps
      where session_id = {session_id} and speed_st_kmh is not null
      group by driver_code, team_name order by top_speed_kmh desc, driver_code""",
        "Top speeds in 2024 Spanish Grand Prix qualifying",
        "Q",
    ),
    t(
        "best_sectors",
        "Best sectors — {event_name} {season} ({session_code})",
        r"sectors?",
        "event",
        """select driver_code, min(sector_1_ms) as best_sector_1_ms,
      min(sector_2_ms) as best_sector_2_ms, min(sector_3_ms) as best_sector_3_ms
      from gold.fct_laps where session_id = {session_id} and not is_deleted
      group by driver_code order by best_sector_1_ms + best_sector_2_ms + best_sector_3_ms""",
        "Best sector times in 2024 Spanish Grand Prix qualifying",
        "Q",
    ),
    t(
        "race_control",
        "Race control — {event_name} {season} ({session_code})",
        r"race control|flags?|safety car|penalt|investigat|messages",
        "event",
        """select message_sequence, message_at, category, flag, message
      from silver.stg_race_control where session_id = {session_id}
      order by message_sequence""",
        "Race control messages in the 2024 Spanish Grand Prix race",
        "R",
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
        "team_event",
        "Teams at {event_name} {season}",
        r"teams?|constructors?",
        "event no_driver",
        """select team_name, drivers, laps, pit_stops, best_lap_ms, best_qualifying_lap_ms,
      race_points, sprint_points, best_race_finish_position from gold.team_event_summary
      where event_id = {event_id} order by race_points desc nulls last, team_name""",
        "How did the teams do at the 2024 Spanish Grand Prix?",
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
