"""The Ergast CSV database (../shared/data/ergast/tracinginsights-racedata) as an independent
oracle: an in-memory DuckDB with one view per CSV (read as its PROVENANCE.md says)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import IN_CI, SHARED_CACHE

ERGAST = Path(SHARED_CACHE).parent / "ergast" / "tracinginsights-racedata"
TABLES = (
    "races",
    "results",
    "sprint_results",
    "pit_stops",
    "drivers",
    "status",
    "driver_standings",
)


def require_ergast() -> Path:
    """The Ergast CSV folder; fail in CI, skip elsewhere, when it is missing."""
    if not (ERGAST / "results.csv").is_file():
        message = f"Ergast CSVs missing: {ERGAST} (expected beside the repo as ../shared)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return ERGAST


@cache
def _connection() -> duckdb.DuckDBPyConnection:
    folder = require_ergast()
    con = duckdb.connect()
    for table in TABLES:
        # races.csv is ragged (2025 rows have 8 fields): null_padding, '\N' = NULL
        con.execute(
            f"create view {table} as select * from read_csv("
            f"'{folder / (table + '.csv')}', header=true, nullstr='\\N', null_padding=true)"
        )
    return con


def ergast(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run one query over the Ergast views (races, results, pit_stops, drivers, ...)."""
    return _connection().execute(sql, params or []).fetchall()


def race_id(season: int, round_number: int) -> int | None:
    rows = ergast("select raceId from races where year = ? and round = ?", [season, round_number])
    return rows[0][0] if rows else None
