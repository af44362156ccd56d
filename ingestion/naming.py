"""Column naming and session codes shared by the ingestion modules."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

# Fast-F1 session names (as in the event schedule) -> Fast-F1 session codes.
SESSION_CODES: dict[str, str] = {
    "Practice 1": "FP1",
    "Practice 2": "FP2",
    "Practice 3": "FP3",
    "Sprint Qualifying": "SQ",
    "Sprint Shootout": "SS",
    "Sprint": "S",
    "Qualifying": "Q",
    "Race": "R",
}
ALL_CODES: tuple[str, ...] = ("FP1", "FP2", "FP3", "SQ", "SS", "S", "Q", "R")

SESSION_TABLES: tuple[str, ...] = ("sessions", "results", "laps", "weather", "race_control")
TELEMETRY_TABLES: tuple[str, ...] = ("car_data", "position")


def snake_case(name: str) -> str:
    """Fast-F1 column name to snake_case: LapTime -> lap_time, SpeedST -> speed_st."""
    return _BOUNDARY.sub("_", name).lower()
