"""The whole real `full/` cache (HTTP sqlite + .ff1pkl tree), replayed offline in one command,
matches Fast-F1's own Session.load() row for row in every session of its catalog."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import SHARED_CACHE, catalog_key, real_catalog, require_shared_cache
from tests.ingestion.fastf1_reference import fastf1_warnings, open_reference_cache, reference_rows

pytestmark = pytest.mark.realdata

TABLES = ("results", "laps", "weather", "race_control")


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


def catalog_or_empty() -> list[dict[str, Any]]:
    """The catalog at collection time (empty when the cache is missing: the tests below then
    skip, or fail in CI, through `real_catalog()`)."""
    path = SHARED_CACHE / "full" / "catalog.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def is_empty(entry: dict[str, Any]) -> bool:
    """Fast-F1 returns no rows at all for the session: the manifest says 'no_data'."""
    return not any(entry[t] for t in TABLES)


CATALOG = catalog_or_empty()


@pytest.fixture(scope="module")
def bronze_rows(real_data_root: Path) -> dict[tuple[int, int, str, str], int]:
    return bronze_counts(real_data_root)


@pytest.fixture(scope="module")
def manifest(real_data_root: Path) -> dict[tuple[int, int, str], dict[str, Any]]:
    rows = duckdb.connect().execute(
        f"""select season::int as season, round::int as round, session, *
            exclude (season, round, session)
            from read_parquet('{real_data_root}/bronze/_manifest/**/*.parquet',
                              hive_partitioning=true)"""
    )
    names = [d[0] for d in rows.description]
    return {(r[0], r[1], r[2]): dict(zip(names, r, strict=True)) for r in rows.fetchall()}


@pytest.mark.parametrize(
    "entry", CATALOG, ids=["{}-{:02d}-{}".format(*catalog_key(e)) for e in CATALOG]
)
def test_session_rows_equal_fastf1_load(
    entry: dict[str, Any],
    bronze_rows: dict[tuple[int, int, str, str], int],
    manifest: dict[tuple[int, int, str], dict[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Per session and table: Parquet rows == len() of what Fast-F1's Session.load() gives."""
    key = catalog_key(entry)
    open_reference_cache(require_shared_cache(), tmp_path_factory.getbasetemp() / "ff1-full")
    with fastf1_warnings() as warned:
        expected = reference_rows(*key)
    assert {t: bronze_rows.get((*key, t)) for t in TABLES} == expected
    # cross-check: the catalog's counts agree with Fast-F1 (0 results = nothing written)
    assert expected == {t: (entry[t] or None) for t in TABLES}
    assert manifest[key]["status"] == ("no_data" if is_empty(entry) else "ok")
    assert {t: manifest[key][f"{t}_rows"] for t in TABLES} == expected
    # the warnings Fast-F1 logged while loading are counted for the session (console: none)
    assert manifest[key]["fastf1_warnings"] == len(warned), [r.getMessage() for r in warned]


def test_one_command_replays_every_cached_session(
    real_ingest_run: tuple[Path, subprocess.CompletedProcess[str]],
    manifest: dict[tuple[int, int, str], dict[str, Any]],
) -> None:
    root, result = real_ingest_run
    catalog = real_catalog()
    cached = {catalog_key(e) for e in catalog}
    with_laps = {catalog_key(e) for e in catalog if e["laps"]}
    print(f"\n{len(cached)} sessions in the catalog, {len(with_laps)} with laps")
    done = {k for k, m in manifest.items() if m["status"] in {"ok", "no_data"}}
    assert done == cached  # every cached session loaded, including the pickle-only ones
    others = {m["status"] for k, m in manifest.items() if k not in cached}
    assert others == {"unavailable"}  # nothing failed; the rest of 2018-2026 is not cached
    laps = {k for k, m in manifest.items() if m["laps_rows"]}
    assert laps == with_laps
    sessions = duckdb.connect().execute(
        f"""select season::int, round::int, session
            from read_parquet('{root}/bronze/sessions/**/*.parquet', hive_partitioning=true)"""
    )
    assert set(sessions.fetchall()) == cached
    [summary] = [line for line in result.stdout.splitlines() if line.startswith("ingestion: ")]
    ok = len(cached) - sum(is_empty(e) for e in catalog)
    assert f"{len(cached) - ok} no_data, {ok} ok;" in summary, summary


def test_the_pickle_tree_was_copied_and_the_source_left_alone(real_data_root: Path) -> None:
    source = require_shared_cache()
    pickles = sorted(p.relative_to(source) for p in source.rglob("*.ff1pkl"))
    assert pickles
    for relative in pickles:
        assert (real_data_root / "cache" / relative).read_bytes() == (
            source / relative
        ).read_bytes()
    assert not any(source.rglob("*.partial"))


def test_real_archive_gaps_are_no_data_not_failures(
    manifest: dict[tuple[int, int, str], dict[str, Any]],
) -> None:
    for entry in real_catalog():
        row = manifest[catalog_key(entry)]
        assert row["error"] is None
        missing = sorted(t for t in TABLES if not entry[t])
        if not is_empty(entry):
            assert sorted(set(row["no_data_tables"]) & set(TABLES)) == missing


def test_bronze_layout_and_lossless_types(real_data_root: Path) -> None:
    import pyarrow.parquet as pq

    entry = next(e for e in real_catalog() if e["laps"] and e["session"] == "Race")
    season, rnd, code = catalog_key(entry)
    part = real_data_root / f"bronze/laps/season={season}/round={rnd:02d}/session={code}"
    table = pq.read_table(part / "part-0.parquet")
    assert table.num_rows == entry["laps"]
    schema = table.schema
    # bronze contract (f1lake/bronze_contract.py): durations as int64 microseconds
    assert str(schema.field("lap_time_us").type) == "int64"
    assert str(schema.field("sector1_time_us").type) == "int64"
    assert str(schema.field("lap_start_date").type) == "timestamp[us, tz=UTC]"
    assert str(schema.field("is_personal_best").type) == "bool"
    for lineage in ("ingested_at", "fastf1_version", "source"):
        assert lineage in schema.names
    assert set(table.column("source").to_pylist()) == {"fastf1:offline-cache"}
    events = pq.read_table(real_data_root / "bronze/events/season=2024/part-0.parquet")
    assert 0 not in events.column("round_number").to_pylist()  # pre-season testing excluded
