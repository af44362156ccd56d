"""Every session of the real `all/` cache, ingested offline, matches Fast-F1 row for row."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SHARED_CACHE, require_shared_cache
from tests.ingestion.fastf1_reference import open_reference_cache, reference_rows

pytestmark = pytest.mark.realdata

CODES = {
    "Practice 1": "FP1", "Practice 2": "FP2", "Practice 3": "FP3", "Sprint Qualifying": "SQ",
    "Sprint Shootout": "SS", "Sprint": "S", "Qualifying": "Q", "Race": "R",
}  # fmt: skip
TABLES = ("results", "laps", "weather", "race_control")


def catalog() -> list[dict[str, object]]:
    path = require_shared_cache("all") / "catalog.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def bronze_counts(root: Path) -> dict[tuple[int, int, str, str], int]:
    con = duckdb.connect()
    counts = {}
    for table in TABLES:
        rows = con.execute(
            f"""select season::int, round::int, session, count(*)
                from read_parquet('{root}/bronze/{table}/**/*.parquet', hive_partitioning=true)
                group by all"""
        ).fetchall()
        counts.update({(s, r, c, table): n for s, r, c, n in rows})
    return counts


def catalog_or_empty() -> list[dict[str, object]]:
    """The catalog at collection time (empty when the cache is missing: the tests below then
    skip, or fail in CI, through `catalog()`)."""
    path = SHARED_CACHE / "all" / "catalog.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def key_of(entry: dict[str, object]) -> tuple[int, int, str]:
    return int(str(entry["year"])), int(str(entry["round"])), CODES[str(entry["session"])]


CATALOG = catalog_or_empty()
# the two sessions the cache holds but Fast-F1 returns no rows for (2024 British Q: session
# info only; 2022 Spanish Q: nothing usable): recorded as 'no_data', not as failures
EMPTY_SESSIONS = {(2024, 12, "Q"), (2022, 6, "Q")}


@pytest.fixture(scope="module")
def bronze_rows(real_data_root: Path) -> dict[tuple[int, int, str, str], int]:
    return bronze_counts(real_data_root)


@pytest.fixture(scope="module")
def manifest_status(real_data_root: Path) -> dict[tuple[int, int, str], str]:
    rows = (
        duckdb.connect()
        .execute(
            f"""select season::int, round::int, session, status
            from read_parquet('{real_data_root}/bronze/_manifest/**/*.parquet',
                              hive_partitioning=true)"""
        )
        .fetchall()
    )
    return {(s, r, c): st for s, r, c, st in rows}


@pytest.mark.parametrize("entry", CATALOG, ids=["{}-{:02d}-{}".format(*key_of(e)) for e in CATALOG])
def test_session_rows_equal_fastf1_load(
    entry: dict[str, object],
    bronze_rows: dict[tuple[int, int, str, str], int],
    manifest_status: dict[tuple[int, int, str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Per session and table: Parquet rows == len() of what Fast-F1's Session.load() gives."""
    key = key_of(entry)
    reference_dir = tmp_path_factory.getbasetemp() / "fastf1-reference"
    open_reference_cache(require_shared_cache("all"), reference_dir)
    expected = reference_rows(*key)
    assert {t: bronze_rows.get((*key, t)) for t in TABLES} == expected
    # cross-check: the catalog's counts agree with Fast-F1 (0 results = nothing written)
    assert expected == {t: (entry[t] or None) for t in TABLES}
    assert manifest_status[key] == ("no_data" if key in EMPTY_SESSIONS else "ok")


def test_only_the_cached_sessions_are_ingested(
    real_data_root: Path, manifest_status: dict[tuple[int, int, str], str]
) -> None:
    cached = {key_of(e) for e in catalog()}
    assert len(cached) == 94
    # every other scheduled session is not in the cache: 'unavailable', nothing written
    others = {k: st for k, st in manifest_status.items() if k not in cached}
    assert set(others.values()) == {"unavailable"} and len(others) == 884
    sessions = duckdb.connect().execute(
        f"""select season::int, round::int, session
            from read_parquet('{real_data_root}/bronze/sessions/**/*.parquet',
                              hive_partitioning=true)"""
    )
    assert set(sessions.fetchall()) == cached


def test_real_archive_gaps_are_no_data_not_failures(real_data_root: Path) -> None:
    con = duckdb.connect()
    rows = con.execute(
        f"""select status, count(*) from read_parquet(
                '{real_data_root}/bronze/_manifest/**/*.parquet', hive_partitioning=true)
            group by all"""
    ).fetchall()
    by_status = dict(rows)
    # 978 scheduled sessions 2018-2026; the 94 the cache holds are ok/no_data, none failed
    assert by_status == {"ok": 92, "no_data": 2, "unavailable": 884}
    # 2024 Spanish GP race: results and weather, but no laps (the archive's real gap)
    row = con.execute(
        f"""select status, results_rows, weather_rows, laps_rows, no_data_tables
            from read_parquet('{real_data_root}/bronze/_manifest/**/*.parquet',
                              hive_partitioning=true)
            where season = 2024 and round = '10' and session = 'R'"""
    ).fetchall()
    assert row == [("ok", 20, 154, None, ["laps", "race_control"])]


def test_bronze_layout_and_lossless_types(real_data_root: Path) -> None:
    import pyarrow.parquet as pq

    part = real_data_root / "bronze/laps/season=2023/round=04/session=Q/part-0.parquet"
    table = pq.read_table(part)
    assert table.num_rows == 356
    schema = table.schema
    # bronze contract (f1lake/bronze_contract.py): durations as int64 microseconds
    assert str(schema.field("lap_time_us").type) == "int64"
    assert str(schema.field("sector1_time_us").type) == "int64"
    assert str(schema.field("lap_start_date").type) == "timestamp[us, tz=UTC]"
    assert str(schema.field("is_personal_best").type) == "bool"
    for lineage in ("ingested_at", "fastf1_version", "source"):
        assert lineage in schema.names
    assert set(table.column("source").to_pylist()) == {"fastf1:offline-cache"}
    assert (real_data_root / "bronze/events/season=2024/part-0.parquet").is_file()
    events = pq.read_table(real_data_root / "bronze/events/season=2024/part-0.parquet")
    assert events.num_rows == 24  # pre-season testing (round 0) excluded
