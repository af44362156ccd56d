"""Library entries about one event or session (winner, podium, laps, pit stops, ...)."""

from __future__ import annotations

from ai.library.templates import Template, t

RESULT_COLS = "finish_position, driver_code, driver_full_name, team_name"
QUESTIONS: tuple[Template, ...] = (
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
        "Who took pole at the 2024 Spanish Grand Prix?",
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
        "Who was fastest in 2024 Spanish Grand Prix qualifying?",
        "Q",
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
        "Race control messages in the 2025 British Grand Prix race",
        "R",
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
)
