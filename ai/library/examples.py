"""Example questions, one per library entry: few-shot examples for the model's prompt (chosen by
similarity to the question), the benchmark of the non-model path, and needs_llm suggestions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    id: str
    example: str


TEMPLATES: tuple[Example, ...] = tuple(
    Example(i, q)
    for i, q in (
        ("race_winner", "Who won the 2024 Spanish Grand Prix?"),
        ("position", "Who finished fourth in Bahrain 2024?"),
        ("podium", "What was the podium of the 2024 Monaco Grand Prix?"),
        ("top_n", "Top 10 of the 2024 British Grand Prix"),
        ("session_results", "Results of the 2024 British Grand Prix race"),
        ("pole", "Who took pole at the 2024 Spanish Grand Prix?"),
        ("grid", "Who started on pole at Silverstone in 2024?"),
        ("driver_result", "Where did Hamilton finish at Monza 2024?"),
        ("session_fastest_lap", "Fastest lap of the 2023 Azerbaijan Grand Prix qualifying"),
        (
            "driver_best_lap",
            "What was Leclerc's best lap in 2023 Azerbaijan Grand Prix qualifying?",
        ),
        ("gap", "Gap between Norris and Verstappen in 2024 Spanish GP qualifying"),
        ("points", "How many points did Leclerc score in the 2023 Baku sprint?"),
        ("standings_after_round", "Championship standings after round 4 of 2024"),
        ("laps_completed", "How many laps did Albon complete in the 2024 Australian GP?"),
        ("pit_stops", "How many pit stops did Hamilton make in the 2018 Azerbaijan Grand Prix?"),
        ("stints", "Tyre strategy in the 2018 Azerbaijan Grand Prix race"),
        ("degradation", "Tyre degradation in the 2018 Azerbaijan Grand Prix race"),
        ("top_speed", "Top speeds in 2024 Spanish Grand Prix qualifying"),
        ("best_sectors", "Best sector times in 2024 Spanish Grand Prix qualifying"),
        ("race_control", "Race control messages in the 2018 Azerbaijan Grand Prix race"),
        ("retirements", "Who retired from the 2024 Australian Grand Prix?"),
        ("positions_gained", "Who gained the most positions in the 2024 Brazilian Grand Prix?"),
        (
            "compare_lap_times",
            "Compare Verstappen and Leclerc lap times in 2024 Spanish GP qualifying",
        ),
        ("driver_laps", "Show Hamilton's lap times in 2024 Spanish Grand Prix qualifying"),
        ("weather", "What was the weather in the 2024 Spanish Grand Prix race?"),
        ("weather_measure", "Coldest track temperature in 2023 Azerbaijan GP qualifying"),
        ("rain", "Did it rain during the 2024 Canadian Grand Prix?"),
        ("ahead", "Did Russell beat Hamilton in Canada 2024?"),
        ("beat_teammate", "Did Norris beat his teammate at the 2024 Hungarian Grand Prix?"),
        ("team_event", "How did the teams do at the 2024 Spanish Grand Prix?"),
        ("champion", "Who won the 2024 drivers' championship?"),
        ("standings", "Final drivers' standings of 2024"),
        ("season_winners", "Who won each race in 2024?"),
        ("count", "How many races did Verstappen win in 2024?"),
        ("ranking", "Which driver had the most podiums in 2024?"),
        ("team_points", "Constructors' points in 2024"),
        ("teammate_h2h", "Hamilton vs his team-mate head to head in 2024"),
        ("head_to_head", "Norris vs Piastri in 2024 races: who finished ahead more often?"),
        ("rainy_sessions", "Which sessions had rain in 2024?"),
        ("weather_ranking", "Which 2024 race had the hottest track temperature?"),
        ("calendar", "What is the 2024 calendar?"),
        ("season_positions_gained", "Total positions gained by driver in 2024"),
        ("team_drivers", "Who drove for Ferrari in 2024?"),
        ("data_availability", "Which sessions of 2024 are available?"),
        ("driver_season_results", "Leclerc's race results in 2024"),
        ("points_progression", "How did Norris's points progress over 2024?"),
        ("driver_info", "Who is HAM?"),
        ("race_favourite", "Who is favourite for the 2025 Las Vegas Grand Prix?"),
        ("race_prediction", "Predicted podium for the 2025 Las Vegas Grand Prix"),
    )
)
