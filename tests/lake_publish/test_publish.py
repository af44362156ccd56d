"""Publishing silver/gold as Parquet on a small synthetic warehouse: layout, manifest, types,
version switch and clean-up, roll-forward after an interrupted switch, and (with Spark) that
Spark reads the values back and the check notices a changed or missing file."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.conftest import run_cli
from transform import publish
from transform.spark_check import check_lake

LAP_STARTED = datetime(2024, 3, 2, 15, 3, 1, 123456, tzinfo=UTC)
LAP_STARTED_US = int(LAP_STARTED.timestamp()) * 1_000_000 + LAP_STARTED.microsecond


def synthetic_warehouse(path: Path, build_id: str) -> Path:
    """A served-warehouse-shaped file: silver + gold schemas and warehouse_build_info."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("create schema silver; create schema gold")
    con.execute(
        """create table silver.stg_laps as select * from (values
            (2024, 'VER', 91234::bigint, timestamp '2024-03-02 15:03:01.123456',
             interval '91.234567 seconds', 312.5::double, 12345678901234567890::hugeint),
            (2024, 'NOR', 91301::bigint, timestamp '2024-03-02 15:04:32.5',
             interval '91.301 seconds', 'nan'::double, 1::hugeint),
            (2023, 'HAM', null, null, null, null, null))
           t(season, driver_code, lap_time_ms, lap_started_at, gap, speed_kmh, big)"""
    )
    con.execute("create table silver.session_codes as select 'R' as session_code")
    con.execute(
        f"create table gold.warehouse_build_info as select '{build_id}' as build_id, "
        "timestamp '2024-01-01 00:00:00' as built_at"
    )
    con.execute("create table gold.fct_laps as select * from silver.stg_laps")
    con.execute(
        "create table gold.local_times as "
        "select timestamp '2024-03-02 18:03:01' as session_start_local"
    )
    con.close()
    return path


def publish_build(root: Path, build_id: str) -> Path:
    warehouse = synthetic_warehouse(root / "warehouse" / "f1.duckdb", build_id)
    version = publish.write_version(warehouse, root)
    publish.switch(root, version)
    return version


def test_layout_manifest_and_engine_neutral_types(tmp_path: Path) -> None:
    (tmp_path / "silver").mkdir()  # as `make init` leaves it: empty folders become links
    (tmp_path / "gold").mkdir()
    version = publish_build(tmp_path, "build-aaaa1111")
    assert (tmp_path / "lake" / "current").readlink() == Path(version.name)
    assert (tmp_path / "silver").readlink() == Path("lake/current/silver")
    assert (tmp_path / "silver").resolve() == version / "silver"
    manifest = publish.read_manifest(version, "silver")
    assert manifest["build_id"] == "build-aaaa1111"
    laps = manifest["tables"]["stg_laps"]
    assert laps["rows"] == 3 and laps["partition_by"] == ["season"]
    assert {c["name"] for c in laps["columns"]} >= {"gap_ms", "lap_started_at", "big"}
    assert sorted(p.name for p in (tmp_path / "silver" / "stg_laps").iterdir()) == [
        "season=2023",
        "season=2024",
    ]
    assert manifest["tables"]["session_codes"]["partition_by"] == []
    assert publish.read_manifest(version, "gold")["tables"]["local_times"]["rows"] == 1

    file = next((tmp_path / "silver" / "stg_laps" / "season=2024").glob("*.parquet"))
    schema = pq.read_schema(file)
    assert schema.field("lap_started_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("gap_ms").type == pa.float64()
    assert schema.field("big").type == pa.decimal128(38, 0)
    table = ds.dataset(tmp_path / "silver" / "stg_laps", partitioning="hive").to_table()
    rows = {r["driver_code"]: r for r in table.to_pylist()}
    assert rows["VER"]["lap_started_at"] == LAP_STARTED
    assert rows["VER"]["gap_ms"] == pytest.approx(91234.567)
    assert rows["VER"]["big"] == Decimal("12345678901234567890")
    assert rows["HAM"]["season"] == 2023
    local = pq.read_schema(next((tmp_path / "gold" / "local_times").glob("*.parquet")))
    assert local.field("session_start_local").type == pa.timestamp("us")  # wall clock, no zone


def test_switch_keeps_current_and_previous_only(tmp_path: Path) -> None:
    first = publish_build(tmp_path, "build-11111111")
    second = publish_build(tmp_path, "build-22222222")
    third = publish_build(tmp_path, "build-33333333")
    names = {p.name for p in (tmp_path / "lake").iterdir()}
    assert names == {"current", second.name, third.name}
    assert not first.exists()
    assert publish.current_version(tmp_path) == third


def test_recover_rolls_forward_a_switch_killed_after_the_duckdb_rename(tmp_path: Path) -> None:
    old = publish_build(tmp_path, "build-oldoldol")
    warehouse = synthetic_warehouse(tmp_path / "warehouse" / "f1.next.duckdb", "build-newnewne")
    new = publish.write_version(warehouse, tmp_path)
    warehouse.replace(tmp_path / "warehouse" / "f1.duckdb")  # ... and killed here
    unfinished = tmp_path / "lake" / ".tmp-20990101T000000Z-deadbeef"
    unfinished.mkdir()
    assert publish.current_version(tmp_path) == old
    publish.recover(tmp_path, tmp_path / "warehouse" / "f1.duckdb")
    assert publish.current_version(tmp_path) == new
    assert old.is_dir(), "the previous version stays for readers in flight"
    assert not unfinished.exists()


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.parquet")}


def test_unchanged_partitions_are_linked_from_the_previous_version(tmp_path: Path) -> None:
    first = publish_build(tmp_path, "build-link0001")
    con = duckdb.connect(str(tmp_path / "warehouse" / "f1.duckdb"))
    con.execute("update gold.fct_laps set lap_time_ms = 1 where driver_code = 'NOR'")
    con.execute("alter table gold.local_times add column note varchar")
    con.close()
    second = publish.write_version(tmp_path / "warehouse" / "f1.duckdb", tmp_path)
    before, after = _inodes(first / "gold"), _inodes(second / "gold")
    assert (
        after["fct_laps/season=2023/data_0.parquet"]
        == before["fct_laps/season=2023/data_0.parquet"]
    )
    assert (
        after["fct_laps/season=2024/data_0.parquet"]
        != before["fct_laps/season=2024/data_0.parquet"]
    )  # a changed season is written again
    assert after["local_times/data_0.parquet"] != before["local_times/data_0.parquet"]
    assert _inodes(second / "silver") == _inodes(first / "silver")  # nothing changed there
    laps = ds.dataset(second / "gold" / "fct_laps", partitioning="hive").to_table().to_pylist()
    assert sorted((r["driver_code"], r["lap_time_ms"]) for r in laps) == [
        ("HAM", None),
        ("NOR", 1),
        ("VER", 91234),
    ]
    assert publish.read_manifest(second, "gold")["tables"]["fct_laps"]["rows"] == 3
    local = pq.read_schema(second / "gold" / "local_times" / "data_0.parquet")
    assert "note" in local.names


def test_a_foreign_non_empty_silver_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "silver").mkdir()
    (tmp_path / "silver" / "mine.csv").write_text("x\n")
    with pytest.raises(publish.PublishError, match="not empty"):
        publish.check_layer_links(tmp_path)


@pytest.mark.spark
def test_spark_reads_published_values_with_default_settings(tmp_path: Path, spark: Any) -> None:
    publish_build(tmp_path, "build-spark001")
    frame = spark.read.parquet(str(tmp_path / "silver" / "stg_laps"))
    types = dict(frame.dtypes)
    assert types["lap_started_at"] == "timestamp"  # UTC instant, not timestamp_ntz
    assert types["gap_ms"] == "double" and types["season"] == "int"
    row = frame.where("driver_code = 'VER'").selectExpr(
        "unix_micros(lap_started_at) as us", "gap_ms", "lap_time_ms", "big", "season"
    )
    got = row.collect()[0]
    assert got["us"] == LAP_STARTED_US
    assert got["gap_ms"] == pytest.approx(91234.567)
    assert got["lap_time_ms"] == 91234 and got["season"] == 2024
    assert got["big"] == Decimal("12345678901234567890")
    local = spark.read.parquet(str(tmp_path / "gold" / "local_times"))
    assert dict(local.dtypes)["session_start_local"] == "timestamp_ntz"
    checks = check_lake(spark, tmp_path)
    assert {(c.layer, c.name) for c in checks} >= {("silver", "stg_laps"), ("gold", "fct_laps")}
    assert [c.problems for c in checks if c.problems] == []


@pytest.mark.spark
def test_check_notices_a_changed_value_and_a_missing_partition(tmp_path: Path, spark: Any) -> None:
    version = publish_build(tmp_path, "build-spark002")
    file = next((version / "gold" / "fct_laps" / "season=2024").glob("*.parquet"))
    table = pq.read_table(file)
    times = [None if v is None else v + 1 for v in table.column("lap_time_ms").to_pylist()]
    index = table.schema.get_field_index("lap_time_ms")
    pq.write_table(table.set_column(index, "lap_time_ms", pa.array(times, pa.int64())), file)
    for part in (version / "silver" / "stg_laps" / "season=2023").glob("*.parquet"):
        part.unlink()
    problems = {(c.layer, c.name): c.problems for c in check_lake(spark, tmp_path)}
    assert any("lap_time_ms" in p for p in problems[("gold", "fct_laps")])
    assert any(p.startswith("rows: Spark 2, DuckDB 3") for p in problems[("silver", "stg_laps")])


def test_build_refuses_a_foreign_silver_folder_before_running_dbt(tmp_path: Path) -> None:
    (tmp_path / "bronze").mkdir()
    (tmp_path / "silver").mkdir()
    (tmp_path / "silver" / "mine.csv").write_text("x\n")
    result = run_cli(["-m", "transform", "build"], tmp_path)
    assert result.returncode == 1
    assert "not empty and not a link into lake/" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "silver" / "mine.csv").read_text() == "x\n"
