"""`--cache-from PATH` copies an existing Fast-F1 cache in (or merges it into the one there)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
import pytest

from tests.conftest import require_shared_cache, run_cli, seed_cache

pytestmark = pytest.mark.realdata

SPANISH_RACE = ["-m", "ingestion", "run", "--season", "2024", "--rounds", "10", "--sessions", "R",
                "--offline"]  # fmt: skip


def cached_responses(cache_dir: Path) -> int:
    with sqlite3.connect(cache_dir / "fastf1_http_cache.sqlite") as con:
        count: int = con.execute("select count(*) from responses").fetchone()[0]
    return count


def manifest_row(root: Path) -> list[tuple[object, ...]]:
    return (
        duckdb.connect()
        .execute(
            f"""select status, results_rows, weather_rows, laps_rows
            from read_parquet('{root}/bronze/_manifest/**/*.parquet', hive_partitioning=true)"""
        )
        .fetchall()
    )


def test_cache_from_copies_a_cache_into_an_empty_root(tmp_path: Path) -> None:
    source = require_shared_cache("olsonlin1996-2024-races")
    result = run_cli([*SPANISH_RACE, "--cache-from", str(source)], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert cached_responses(tmp_path / "cache") == 97  # the source's 97 responses
    assert manifest_row(tmp_path) == [("ok", 20, 154, None)]
    # the source was only read (still read-only, same size)
    assert (source / "fastf1_http_cache.sqlite").stat().st_size == 1445888


def test_cache_from_merges_and_unavailable_sessions_are_picked_up(tmp_path: Path) -> None:
    # the quali-only cache does not hold the 2024 Spanish race: unavailable, no load
    seed_cache(tmp_path, "mvnye-2023-2024-quali")
    before = cached_responses(tmp_path / "cache")
    first = run_cli(SPANISH_RACE, tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    assert manifest_row(tmp_path) == [("unavailable", None, None, None)]
    assert "1 unavailable: not in the offline cache" in first.stdout

    source = require_shared_cache("olsonlin1996-2024-races")
    second = run_cli([*SPANISH_RACE, "--cache-from", str(source)], tmp_path)
    assert second.returncode == 0, second.stderr[-2000:]
    merged = cached_responses(tmp_path / "cache")
    assert before < merged <= before + 97  # merged, nothing already cached lost
    assert manifest_row(tmp_path) == [("ok", 20, 154, None)]
