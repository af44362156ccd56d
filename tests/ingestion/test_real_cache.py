"""Every session of the real `all/` cache, ingested offline, matches Fast-F1 row for row."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.conftest import require_shared_cache
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


def test_every_cached_session_matches_fastf1(real_data_root: Path, tmp_path: Path) -> None:
    entries = catalog()
    assert len(entries) == 94
    open_reference_cache(require_shared_cache("all"), tmp_path / "ff1")
    counts = bronze_counts(real_data_root)
    manifest = (
        duckdb.connect()
        .execute(
            f"""select season::int, round::int, session, status
            from read_parquet('{real_data_root}/bronze/_manifest/**/*.parquet',
                              hive_partitioning=true)"""
        )
        .fetchall()
    )
    status = {(s, r, c): st for s, r, c, st in manifest}
    mismatches = []
    for entry in entries:
        key = (int(entry["year"]), int(entry["round"]), CODES[str(entry["session"])])
        expected = reference_rows(*key)
        got = {t: counts.get((*key, t)) for t in TABLES}
        if got != expected:
            mismatches.append((key, expected, got))
        # the catalog's own counts agree too (0 results = nothing written)
        assert expected == {t: (entry[t] or None) for t in TABLES}, key
        # a session with data is 'ok'; one with only its session info is 'no_data'; the one
        # Fast-F1 returns nothing at all for (2022 Spanish Q) is 'unavailable'
        empty = {(2024, 12, "Q"): "no_data", (2022, 6, "Q"): "unavailable"}
        assert status[key] == ("ok" if any(expected.values()) else empty[key]), key
    assert mismatches == []


def test_real_archive_gaps_are_no_data_not_failures(real_data_root: Path) -> None:
    con = duckdb.connect()
    rows = con.execute(
        f"""select status, count(*) from read_parquet(
                '{real_data_root}/bronze/_manifest/**/*.parquet', hive_partitioning=true)
            group by all"""
    ).fetchall()
    by_status = dict(rows)
    assert by_status.get("failed", 0) == 0
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
    assert str(schema.field("lap_time").type) == "duration[ns]"
    assert str(schema.field("sector1_time").type) == "duration[ns]"
    assert str(schema.field("lap_start_date").type).startswith("timestamp")
    assert str(schema.field("is_personal_best").type) == "bool"
    for lineage in ("ingested_at", "fastf1_version", "source"):
        assert lineage in schema.names
    assert set(table.column("source").to_pylist()) == {"fastf1:offline-cache"}
    assert (real_data_root / "bronze/events/season=2024/part-0.parquet").is_file()
    events = pq.read_table(real_data_root / "bronze/events/season=2024/part-0.parquet")
    assert events.num_rows == 24  # pre-season testing (round 0) excluded
