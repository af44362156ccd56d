"""All library entries, in the order that breaks ties between equally good matches."""

from __future__ import annotations

from ai.library.event_questions import QUESTIONS as EVENT_QUESTIONS
from ai.library.season_questions import QUESTIONS as SEASON_QUESTIONS
from ai.library.templates import Template

ORDER = (
    "champion",
    "standings_after_round",
    "race_winner",
    "podium",
    "session_results",
    "pole",
    "qualifying_times",
    "gap_to_pole",
    "session_fastest_lap",
    "driver_best_lap",
    "lap_ranking",
    "season_winners",
    "driver_win_count",
    "wins_table",
    "podiums_table",
    "points_progression",
    "team_points",
    "pit_stops",
    "stints",
    "degradation",
    "teammate_h2h",
    "compare_lap_times",
    "driver_laps",
    "session_weather",
    "rainy_sessions",
    "positions_gained",
    "season_positions_gained",
    "retirements",
    "calendar",
    "driver_info",
    "team_drivers",
    "top_speed",
    "best_sectors",
    "race_control",
    "driver_season_results",
    "team_event",
    "data_availability",
)
BY_ID = {t.id: t for t in (*EVENT_QUESTIONS, *SEASON_QUESTIONS)}
TEMPLATES: tuple[Template, ...] = tuple(BY_ID[i] for i in ORDER)
