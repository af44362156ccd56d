"""`python -m ingestion history`: CSV dump and online path (offline, on the real cache's
Jolpica responses) give the same bronze; manifest, idempotency and bad input."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ingestion.history.schema import DIMENSION_TABLES, SEASON_KEYS, SEASON_TABLES
from tests.conftest import run_cli, seed_cache
from tests.history.conftest import require_ergast_dump

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def csv_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("history-csv")
    result = run_cli(["-m", "ingestion", "history", "--from-csv", str(require_ergast_dump())], root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "76 ok" in result.stdout
    return root


@pytest.fixture(scope="module")
def online_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("history-online")
    seed_cache(root, "all")
    args = ["-m", "ingestion", "history", "--seasons", "2018-2025", "--offline"]
    result = run_cli(args, root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


def test_csv_bronze_layout_and_ragged_rows(csv_root: Path) -> None:
    base = csv_root / "bronze" / "history"
    seasons = sorted(p.name for p in (base / "races").iterdir())
    assert len(seasons) == 76 and seasons[0] == "season=1950" and seasons[-1] == "season=2025"
    for name in DIMENSION_TABLES:
        assert (base / name / "part-0.parquet").is_file()
    assert not (base / "pit_stops" / "season=2010").exists()  # no rows: no file
    races_2025 = pq.read_table(base / "races" / "season=2025" / "part-0.parquet")
    assert races_2025.num_rows == 24  # ragged 8-column rows read with the rest NULL
    assert races_2025.column("fp1_date").null_count == 24
    results = pq.read_table(base / "results" / "season=2025" / "part-0.parquet").to_pylist()
    retired = [r for r in results if r["position_text"] == "R"]
    assert retired and all(r["position"] is None for r in retired)


def test_csv_rerun_writes_nothing(csv_root: Path) -> None:
    files = sorted((csv_root / "bronze" / "history").rglob("*.parquet"))
    before = {f: f.stat().st_mtime_ns for f in files}
    result = run_cli(
        ["-m", "ingestion", "history", "--from-csv", str(require_ergast_dump())], csv_root
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "76 season(s) already in the manifest" in result.stdout
    assert {f: f.stat().st_mtime_ns for f in files} == before


def test_bad_dump_is_one_line_exit_2(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "races.csv").write_text("raceId,year\n1,1950\n")
    result = run_cli(["-m", "ingestion", "history", "--from-csv", str(dump)], tmp_path / "root")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: --from-csv:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "root" / "bronze" / "history").exists()


# Columns compared value by value. The others hold what Jolpica has revised since the dump's
# rows were written (status wording 'Lapped' for '+1 Lap', gap formatting '+1:06.004' for
# '+66.004', https for http URLs, fastest-lap corrections, practice dates the dump lacks for
# 2019-2020): same schema and rows, different source values, counted in the report.
STABLE = {
    "races": ("race_name", "circuit_ref", "date"),
    "results": ("driver_ref", "constructor_ref", "number", "points", "laps"),
    "sprint_results": ("driver_ref", "constructor_ref", "number", "points", "laps", "grid"),
    "qualifying": ("constructor_ref", "number", "position", "q2"),
    "constructor_results": ("points", "status"),
}


def test_online_path_bronze_equals_csv_bronze(csv_root: Path, online_root: Path) -> None:
    compared = 0
    for table in SEASON_TABLES:
        if not _has(online_root, table):
            continue
        assert _schema(online_root, table) == _schema(csv_root, table), table
        keys = ("season", *SEASON_KEYS[table])
        columns = ", ".join((*keys, *STABLE[table]))
        online = _rows(online_root, table, columns)
        fetched = {row[:2] for row in online}  # (season, round) the cache answered
        csv = [row for row in _rows(csv_root, table, columns) if row[:2] in fetched]
        assert online == csv, table
        compared += len(online)
    assert compared == 111 + 659 + 20 + 100 + 250  # races, results, sprint, quali, constructors
    for table, columns in {
        "drivers": "driver_ref, code, forename, surname, dob",
        "constructors": "constructor_ref, name, nationality",
        "circuits": "circuit_ref",
    }.items():
        online_dims = set(_dimension(online_root, table, columns))
        assert online_dims and online_dims <= set(_dimension(csv_root, table, columns)), table


def _schema(root: Path, table: str) -> list[tuple[str, str]]:
    first = next((root / "bronze" / "history" / table).rglob("*.parquet"))
    schema = pq.read_schema(first)
    return [(f.name, str(f.type)) for f in schema if f.name not in ("ingested_at", "source")]


def _rows(root: Path, table: str, columns: str) -> list[tuple[object, ...]]:
    pattern = root / "bronze" / "history" / table / "**" / "*.parquet"
    with duckdb.connect() as con:
        return con.sql(
            f"select {columns} from read_parquet('{pattern}', hive_partitioning = true) "
            f"order by all"
        ).fetchall()


def test_online_rerun_resumes_from_cache(online_root: Path) -> None:
    manifest = online_root / "bronze" / "history" / "_manifest"
    statuses = {
        p.parent.name: pq.read_table(p).column("status")[0].as_py()
        for p in manifest.rglob("*.parquet")
    }
    assert statuses["season=2024"] == "partial" and statuses["season=2018"] == "unavailable"
    result = run_cli(["-m", "ingestion", "history", "--seasons", "2024", "--offline"], online_root)
    assert result.returncode == 0 and "1 partial" in result.stdout


def _has(root: Path, table: str) -> bool:
    return any((root / "bronze" / "history" / table).rglob("*.parquet"))


def _dimension(root: Path, table: str, columns: str) -> list[tuple[object, ...]]:
    path = root / "bronze" / "history" / table / "part-0.parquet"
    with duckdb.connect() as con:
        return con.sql(f"select {columns} from read_parquet('{path}')").fetchall()


# bronze table -> (its key, the dump's id column and key column); the CSV path keeps the ids
ERGAST_IDS = {
    "drivers": ("driver_ref", "driverId", "driverRef"),
    "constructors": ("constructor_ref", "constructorId", "constructorRef"),
    "circuits": ("circuit_ref", "circuitId", "circuitRef"),
}


def test_csv_bronze_keeps_the_dumps_numeric_ids(csv_root: Path) -> None:
    dump = require_ergast_dump()
    with duckdb.connect() as con:
        for table, (key, csv_id, csv_key) in ERGAST_IDS.items():
            expected = con.sql(
                f"select {csv_key}, {csv_id}::bigint from read_csv('{dump}/{table}.csv', "
                "header = true, all_varchar = true) order by all"
            ).fetchall()
            assert len(expected) > 70
            assert sorted(_dimension(csv_root, table, f"{key}, ergast_id")) == expected
        expected = con.sql(
            f"select year::bigint, round::bigint, raceId::bigint from read_csv("
            f"'{dump}/races.csv', header = true, all_varchar = true, null_padding = true) "
            "order by all"
        ).fetchall()
    assert _rows(csv_root, "races", "season, round, ergast_id") == expected


def test_online_path_has_no_numeric_ids(online_root: Path) -> None:
    for table in (*ERGAST_IDS, "races"):
        pattern = online_root / "bronze" / "history" / table / "**" / "*.parquet"
        with duckdb.connect() as con:
            ids = con.sql(
                f"select count(*), count(ergast_id) from read_parquet('{pattern}')"
            ).fetchall()
        assert ids[0][0] > 0 and ids[0][1] == 0, table
