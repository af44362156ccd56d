"""Fixtures of the history tests: the real Ergast CSV dump, and ONE warehouse built once per
test session from the real Fast-F1 bronze plus the dump's history (`history_root`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import IN_CI, REPO_ROOT, run_cli

ERGAST_DUMP = REPO_ROOT.parent / "shared" / "data" / "ergast" / "tracinginsights-racedata"


def require_ergast_dump() -> Path:
    """The real Ergast CSV dump; fail in CI, skip elsewhere, when it is missing."""
    if not (ERGAST_DUMP / "results.csv").is_file():
        message = f"real Ergast dump missing: {ERGAST_DUMP} (expected beside the repo as ../shared)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return ERGAST_DUMP


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


@pytest.fixture(scope="session")
def history_root(real_data_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real Fast-F1 bronze + the dump's history, built into a warehouse once."""
    dump = require_ergast_dump()
    root = tmp_path_factory.mktemp("history-root")
    shutil.copytree(real_data_root / "bronze", root / "bronze")
    result = run_cli(["-m", "ingestion", "history", "--from-csv", str(dump)], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    result = run_cli(["-m", "transform", "build"], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def history_warehouse(history_root: Path) -> Path:
    return history_root / "warehouse" / "f1.duckdb"


def gold(path: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
