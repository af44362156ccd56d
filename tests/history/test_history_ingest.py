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

LINEAGE = ("ingested_at", "fastf1_version", "source")


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


def bronze(root: Path, table: str) -> list[tuple[object, ...]]:
    partitioned = table in SEASON_TABLES
    pattern = root / "bronze" / "history" / table / ("**/*.parquet" if partitioned else "*.parquet")
    with duckdb.connect() as con:
        rel = con.sql(
            f"select * exclude ({', '.join(LINEAGE)}) from read_parquet('{pattern}', "
            "hive_partitioning = true)"
        )
        return rel.fetchall()


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
    result = run_cli(["-m", "ingestion", "history", "--from-csv", str(require_ergast_dump())], csv_root)
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


def test_online_path_bronze_equals_csv_bronze(csv_root: Path, online_root: Path) -> None:
    compared = 0
    for table in SEASON_TABLES:
        online = bronze(online_root, table) if _has(online_root, table) else []
        if not online:
            continue
        names = _columns(online_root, table)
        key = [names.index(k) for k in ("season", *SEASON_KEYS[table])]
        keys = {tuple(row[i] for i in key[:2]) for row in online}  # (season, round) fetched
        csv = [row for row in bronze(csv_root, table) if tuple(row[i] for i in key[:2]) in keys]
        assert sorted(online, key=str) == sorted(csv, key=str), table
        compared += len(online)
    assert compared > 700  # 2019-2024 schedules, 2024 results, qualifying rounds, sprints
    for table, columns in {"drivers": "driver_ref, code, forename, surname, dob, nationality",
                           "constructors": "constructor_ref, name, nationality",
                           "circuits": "circuit_ref, name, location, country"}.items():  # fmt: skip
        online = set(_dimension(online_root, table, columns))
        assert online and online <= set(_dimension(csv_root, table, columns)), table


def test_online_rerun_resumes_from_cache(online_root: Path) -> None:
    manifest = online_root / "bronze" / "history" / "_manifest"
    statuses = {p.parent.name: pq.read_table(p).column("status")[0].as_py() for p in manifest.rglob("*.parquet")}
    assert statuses["season=2024"] == "partial" and statuses["season=2018"] == "unavailable"
    result = run_cli(["-m", "ingestion", "history", "--seasons", "2024", "--offline"], online_root)
    assert result.returncode == 0 and "1 partial" in result.stdout


def _has(root: Path, table: str) -> bool:
    return any((root / "bronze" / "history" / table).rglob("*.parquet"))


def _columns(root: Path, table: str) -> list[str]:
    first = next((root / "bronze" / "history" / table).rglob("*.parquet"))
    names = [n for n in pq.read_schema(first).names if n not in LINEAGE]
    return [*names, "season"]


def _dimension(root: Path, table: str, columns: str) -> list[tuple[object, ...]]:
    path = root / "bronze" / "history" / table / "part-0.parquet"
    with duckdb.connect() as con:
        return con.sql(f"select {columns} from read_parquet('{path}')").fetchall()

