"""What Fast-F1's own Session.load() returns, loaded offline from a temp copy of a real cache."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import fastf1
from fastf1.exceptions import DataNotLoadedError

from ingestion.loader import use_fastf1_cache
from tests.conftest import copy_cache_folder


def open_reference_cache(
    source: Path, into: Path, *, pickles_from: Path | None = None, ignore_version: bool = False
) -> None:
    """Copy the cache folder (sqlite + .ff1pkl tree) to `into` and point Fast-F1 at it, offline.
    `pickles_from` adds another folder's files (e.g. a pickle-only cache over `all/`'s sqlite);
    `ignore_version` is Fast-F1's switch for pickles of older Fast-F1 versions.

    Call it before each reference load: other tests in this process point Fast-F1 elsewhere.
    """
    into.mkdir(parents=True, exist_ok=True)
    copy_cache_folder(source, into)
    if pickles_from is not None:
        copy_cache_folder(pickles_from, into)
    fastf1.set_log_level("ERROR")
    use_fastf1_cache(into, offline=True, ignore_version=ignore_version)


def load_reference(season: int, round_number: int, code: str) -> Any:
    """Fast-F1's own load of one session, as the ingestion loads it."""
    session = fastf1.get_session(season, round_number, code)
    session.load(laps=True, telemetry=False, weather=True, messages=True)
    return session


def reference_rows(season: int, round_number: int, code: str) -> dict[str, int | None]:
    """Rows per bronze table as Fast-F1 returns them (None where Fast-F1 has no data)."""
    session = load_reference(season, round_number, code)

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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def fastf1_warnings() -> Iterator[list[logging.LogRecord]]:
    """Fast-F1's WARNING+ records inside the block (its offline cache misses left out)."""
    handler, logger = _Collect(), logging.getLogger("fastf1")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    found: list[logging.LogRecord] = []
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        found.extend(r for r in handler.records if not hasattr(r, "offline_cache_miss_url"))
