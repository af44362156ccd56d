"""Column naming and session codes shared by the ingestion modules."""

from __future__ import annotations

import re

from f1lake.sessions import all_codes, codes_by_name

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

# Fast-F1 session names (as in the event schedule) -> codes, from the one seed list.
SESSION_CODES: dict[str, str] = codes_by_name()
ALL_CODES: tuple[str, ...] = all_codes()

SESSION_TABLES: tuple[str, ...] = (
    "sessions",
    "results",
    "laps",
    "weather",
    "race_control",
    "qualifying_parts",
)
TELEMETRY_TABLES: tuple[str, ...] = ("car_data", "position")


def snake_case(name: str) -> str:
    """Fast-F1 column name to snake_case: LapTime -> lap_time, SpeedST -> speed_st."""
    return _BOUNDARY.sub("_", name).lower()
