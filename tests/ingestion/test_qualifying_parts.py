"""bronze `qualifying_parts` and silver `stg_qualifying_parts` of the session's real data root
(the whole `full/` cache ingested offline and built, tests/conftest.py): per qualifying part, the
same (driver, lap) pairs as Fast-F1's own `Laps.split_qualifying_sessions()` on a fresh load of
the real cache (2026 round 1, whose results carry no Q times, 2025 round 1, and 2024 round 10);
a data root without any `qualifying_parts` file (ingested before the table existed: those three
sessions' bronze, which brings the race-control messages the build needs) still builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from f1lake.settings import DataLayout
from tests.conftest import require_shared_cache, run_cli
from tests.ingestion.fastf1_reference import load_reference, open_reference_cache
from transform.checks import empty_tables, served_table_counts

pytestmark = pytest.mark.realdata

SESSIONS = ((2026, 1, "Q"), (2025, 1, "Q"), (2024, 10, "Q"))
Parts = dict[int, set[tuple[str, int]]]


def ok(result: object) -> None:
    assert getattr(result, "returncode", 1) == 0, (
        getattr(result, "stdout", "")[-3000:] + getattr(result, "stderr", "")[-3000:]
    )


@pytest.fixture(scope="module")
def built_root(real_warehouse: Path) -> Path:
    """The session's real data root: the whole `full/` cache ingested offline, then built
    (read only here)."""
    return real_warehouse.parents[1]


@pytest.fixture(scope="module")
def fastf1_parts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, int, str], Parts]:
    """Fast-F1's own split of each session, from a fresh load of a copy of the cache."""
    open_reference_cache(require_shared_cache(), tmp_path_factory.mktemp("ff1-quali-parts"))
    expected = {}
    for key in SESSIONS:
        split = load_reference(*key).laps.split_qualifying_sessions()
        expected[key] = {
            number: {
                (str(d), int(n))
                for d, n in zip(laps["DriverNumber"], laps["LapNumber"], strict=True)
            }
            for number, laps in enumerate(split, start=1)
            if laps is not None and len(laps)
        }
    return expected


def partition(key: tuple[int, int, str]) -> Path:
    season, rnd, code = key
    return Path(f"season={season}") / f"round={rnd:02d}" / f"session={code}"


def bronze_file(root: Path, key: tuple[int, int, str]) -> Path:
    return root / "bronze" / "qualifying_parts" / partition(key) / "part-0.parquet"


def copy_sessions(source: Path, target: Path, keys: tuple[tuple[int, int, str], ...]) -> None:
    """The bronze of these sessions only (each table's session partitions, their seasons' events
    and manifest rows), as an ingest of just them leaves it (file times kept)."""
    for table in (source / "bronze").iterdir():
        for key in keys:
            folder = Path(f"season={key[0]}") if table.name == "events" else partition(key)
            if (table / folder).is_dir() and not (target / "bronze" / table.name / folder).exists():
                shutil.copytree(table / folder, target / "bronze" / table.name / folder)


def as_parts(rows: list[tuple[object, ...]]) -> Parts:
    parts: Parts = {}
    for driver, lap, part in rows:
        parts.setdefault(int(str(part)), set()).add((str(driver), int(float(str(lap)))))
    return parts


@pytest.mark.parametrize("key", SESSIONS, ids=["2026-01-Q", "2025-01-Q", "2024-10-Q"])
def test_bronze_and_silver_parts_equal_fastf1_split(
    key: tuple[int, int, str], built_root: Path, fastf1_parts: dict[tuple[int, int, str], Parts]
) -> None:
    expected = fastf1_parts[key]
    assert sorted(expected) == [1, 2, 3]
    table = pq.read_table(bronze_file(built_root, key))
    bronze = list(
        zip(
            *(
                table.column(c).to_pylist()
                for c in ("driver_number", "lap_number", "qualifying_part")
            ),
            strict=True,
        )
    )
    assert len(bronze) == sum(len(laps) for laps in expected.values())  # no lap twice
    assert as_parts(bronze) == expected
    session_id = "{}-{:02d}-{}".format(*key)
    with duckdb.connect(str(built_root / "warehouse" / "f1.duckdb"), read_only=True) as con:
        silver = con.execute(
            "select driver_number, lap_number, qualifying_part from silver.stg_qualifying_parts "
            "where session_id = ?",
            [session_id],
        ).fetchall()
    assert as_parts(silver) == expected


def test_manifest_records_the_qualifying_parts_file(built_root: Path) -> None:
    rows = duckdb.sql(
        f"""select season::int, round::int, session, status, qualifying_parts_rows,
                   qualifying_parts_bytes
            from read_parquet('{built_root}/bronze/_manifest/**/*.parquet',
                              hive_partitioning = true)"""
    ).fetchall()
    rows = [row for row in rows if tuple(row[:3]) in SESSIONS]
    assert len(rows) == len(SESSIONS)
    for season, rnd, code, status, parts_rows, parts_bytes in rows:
        path = bronze_file(built_root, (season, rnd, code))
        assert status == "ok"
        assert parts_rows == pq.read_metadata(path).num_rows
        assert parts_bytes == path.stat().st_size


def test_a_root_without_qualifying_parts_files_still_builds(
    built_root: Path, tmp_path: Path
) -> None:
    """Bronze ingested before the table existed: no file of it, the model builds empty."""
    root = tmp_path / "root"
    copy_sessions(built_root, root, SESSIONS)
    assert (root / "bronze" / "race_control").is_dir()
    shutil.rmtree(root / "bronze" / "qualifying_parts")
    ok(run_cli(["-m", "transform", "build"], root))
    warehouse = root / "warehouse" / "f1.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        count = con.execute("select count(*) from silver.stg_qualifying_parts").fetchone()
        columns = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'silver' and table_name = 'stg_qualifying_parts' "
            "and column_name in ('driver_number', 'lap_number', 'qualifying_part') "
            "order by column_name"
        ).fetchall()
    assert count == (0,)
    assert columns == [
        ("driver_number", "VARCHAR"),
        ("lap_number", "INTEGER"),
        ("qualifying_part", "INTEGER"),
    ]
    empty = empty_tables(served_table_counts(warehouse), DataLayout(root))
    assert "silver.stg_qualifying_parts" not in empty


def test_a_session_fastf1_cannot_split_has_no_parts(caplog: pytest.LogCaptureFixture) -> None:
    """Fast-F1's ValueError (no session status, not a qualifying session) means no table."""
    from types import SimpleNamespace

    from ingestion.loader import _qualifying_parts

    def split() -> None:
        raise ValueError("Session status data is unavailable!")

    session = SimpleNamespace(laps=SimpleNamespace(split_qualifying_sessions=split))
    with caplog.at_level("DEBUG", logger="ingestion.loader"):
        assert _qualifying_parts(session) is None
    assert "Session status data is unavailable!" in caplog.text
    nothing = SimpleNamespace(laps=SimpleNamespace(split_qualifying_sessions=lambda: [None] * 3))
    assert _qualifying_parts(nothing) is None
