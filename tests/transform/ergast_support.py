"""The Ergast CSV database (../shared/data/ergast/tracinginsights-racedata) as an independent
oracle: the views of tests/history/conftest.csv_connection (one per CSV, read as its
PROVENANCE.md says), opened once."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb

from tests.history.conftest import csv_connection

_connection = cache(csv_connection)


def ergast(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run one query over the Ergast views (races, results, pit_stops, drivers, ...)."""
    con: duckdb.DuckDBPyConnection = _connection()
    return con.execute(sql, params or []).fetchall()


def race_id(season: int, round_number: int) -> int | None:
    rows = ergast("select raceId from races where year = ? and round = ?", [season, round_number])
    return rows[0][0] if rows else None
