"""What Fast-F1's own Session.load() returns, loaded offline from a temp copy of a real cache."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import fastf1
from fastf1.exceptions import DataNotLoadedError

from ingestion.loader import use_fastf1_cache


def open_reference_cache(source: Path, into: Path) -> None:
    """Copy the cache to `into` (once) and point Fast-F1 at it, offline.

    Call it before each reference load: other tests in this process point Fast-F1 elsewhere.
    """
    into.mkdir(parents=True, exist_ok=True)
    if not (into / "fastf1_http_cache.sqlite").is_file():
        shutil.copy(source / "fastf1_http_cache.sqlite", into / "fastf1_http_cache.sqlite")
    fastf1.set_log_level("ERROR")
    use_fastf1_cache(into, offline=True)


def reference_rows(season: int, round_number: int, code: str) -> dict[str, int | None]:
    """Rows per bronze table as Fast-F1 returns them (None where Fast-F1 has no data)."""
    session = fastf1.get_session(season, round_number, code)
    session.load(laps=True, telemetry=False, weather=True, messages=True)

    def count(attribute: str) -> int | None:
        try:
            value: Any = getattr(session, attribute)
        except DataNotLoadedError:
            return None
        return len(value) or None

    return {
        "results": count("results"),
        "laps": count("laps"),
        "weather": count("weather_data"),
        "race_control": count("race_control_messages"),
    }
