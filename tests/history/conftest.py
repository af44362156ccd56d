"""Helpers of the history tests: DuckDB views over the real Ergast CSV dump (the reference) and
reads of the warehouse. The dump and `history_root` (built once) live in tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import require_ergast_dump


def csv_connection() -> duckdb.DuckDBPyConnection:
    """DuckDB views over the dump's CSV files (the tests' reference, never the models)."""
    dump = require_ergast_dump()
    con = duckdb.connect()
    for path in dump.glob("*.csv"):
        con.execute(
            f"create view {path.stem} as select * from read_csv('{path}', header = true, "
            "nullstr = '\\N', null_padding = true)"
        )
    return con


def gold(path: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
