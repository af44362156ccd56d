"""Every bronze file written from the real cache has exactly its contract's schema, holds
Fast-F1's own values in the contract's units, and Spark 4 reads every bronze table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from f1lake import bronze_contract
from f1lake.bronze_contract import BronzeContractError
from ingestion.writer import staging_dir, write_atomic
from tests.conftest import require_shared_cache
from tests.ingestion.fastf1_reference import open_reference_cache
from tests.lake_bronze.conftest import LAPS_SESSION, partition_file

pytestmark = pytest.mark.realdata
WRITTEN = ("events", "sessions", "results", "laps", "weather", "race_control", "qualifying_parts")


def test_every_bronze_file_has_its_contract_schema(built_root: Path) -> None:
    bronze = built_root / "bronze"
    seen: dict[str, int] = {}
    for table in bronze_contract.TABLES:
        for path in (bronze / table).rglob("*.parquet"):
            assert pq.read_schema(path).remove_metadata().equals(bronze_contract.schema(table)), (
                path
            )
            parquet = pq.ParquetFile(path).schema
            for column in bronze_contract.CONTRACTS[table]:
                logical = str(parquet.column(parquet.names.index(column.name)).logical_type)
                if column.kind == "utc":
                    assert "isAdjustedToUTC=true, timeUnit=microseconds" in logical, column
                if column.kind == "local":
                    assert "isAdjustedToUTC=false, timeUnit=microseconds" in logical, column
            seen[table] = seen.get(table, 0) + 1
    assert set(WRITTEN) <= set(seen), seen


def test_bronze_values_are_fastf1_values_in_contract_units(
    built_root: Path, tmp_path: Path
) -> None:
    open_reference_cache(require_shared_cache("all"), tmp_path / "cache")
    import fastf1

    session = fastf1.get_session(*LAPS_SESSION)
    session.load(laps=True, telemetry=False, weather=False, messages=False)
    laps = pd.DataFrame(session.laps)
    bronze = pq.read_table(partition_file(built_root, "laps")).to_pandas()
    assert len(bronze) == len(laps) == 356
    merged = laps.merge(
        bronze, left_on=["DriverNumber", "LapNumber"], right_on=["driver_number", "lap_number"]
    )
    assert len(merged) == len(laps)
    durations = {
        "LapTime": "lap_time_us",
        "Sector1Time": "sector1_time_us",
        "PitInTime": "pit_in_time_us",
        "Time": "time_us",
    }
    for fastf1_name, bronze_name in durations.items():
        expected = [None if pd.isna(t) else round(t.value / 1000) for t in merged[fastf1_name]]
        actual = [None if pd.isna(v) else int(v) for v in merged[bronze_name]]
        assert expected == actual, fastf1_name
    starts = merged.dropna(subset=["LapStartDate"])
    assert (starts["LapStartDate"].dt.tz_localize("UTC") == starts["lap_start_date"]).all()

    schedule = fastf1.get_event_schedule(2023, include_testing=False)
    events = pq.read_table(built_root / "bronze/events/season=2023/part-0.parquet").to_pandas()
    assert len(events) == len(schedule)
    for slot in range(1, 6):
        local = schedule[f"Session{slot}Date"].map(lambda t: t.tz_localize(None))
        assert local.tolist() == events[f"session{slot}_date"].tolist()  # local wall-clock time
        utc = schedule[f"Session{slot}DateUtc"].dt.tz_localize("UTC")
        assert utc.tolist() == events[f"session{slot}_date_utc"].tolist()


def test_a_table_breaking_its_contract_is_never_written(tmp_path: Path) -> None:
    bronze = tmp_path / "bronze"
    partition = bronze / "laps" / "season=2023" / "round=04" / "session=Q"
    wrong = pa.table({"lap_time": pa.array([pd.Timedelta(seconds=90)], pa.duration("ns"))})
    with pytest.raises(BronzeContractError, match=str(partition / "part-0.parquet")):
        write_atomic(wrong, partition, staging_dir(bronze))
    assert not (partition / "part-0.parquet").exists()


@pytest.mark.spark
def test_spark_reads_every_bronze_table_with_default_settings(built_root: Path, spark: Any) -> None:
    for table in WRITTEN:
        folder = (built_root / "bronze" / table).as_posix()
        frame = spark.read.parquet(folder)
        expected = duckdb.sql(
            f"select count(*) from read_parquet('{folder}/**/*.parquet')"
        ).fetchall()[0][0]
        assert frame.count() == expected > 0, table
    season, rnd, code = LAPS_SESSION
    where = f"season = {season} and round = {rnd} and session = '{code}'"
    for table, columns in (
        ("laps", "driver_number, lap_number, lap_time_us, sector2_time_us, speed_st"),
        ("race_control", "message, {micros}(time), lap, sector"),
    ):
        folder = (built_root / "bronze" / table).as_posix()
        spark.read.parquet(folder).createOrReplaceTempView(table)
        spark_sql = f"select {columns.format(micros='unix_micros')} from {table} where {where}"
        spark_rows = sorted((tuple(r) for r in spark.sql(spark_sql).collect()), key=str)
        path = partition_file(built_root, table).as_posix()
        duck_sql = f"select {columns.format(micros='epoch_us')} from read_parquet('{path}')"
        duck_rows = sorted(duckdb.sql(duck_sql).fetchall(), key=str)
        assert spark_rows == duck_rows and len(spark_rows) > 50, table
    # local wall-clock times (TIMESTAMP_NTZ in Spark) equal DuckDB's, to the microsecond
    folder = (built_root / "bronze" / "events").as_posix()
    columns = ["event_name", "session1_date", "session5_date"]
    spark_local = sorted(tuple(r) for r in spark.read.parquet(folder).select(*columns).collect())
    duck_local = sorted(
        duckdb.sql(
            f"select {', '.join(columns)} from read_parquet('{folder}/**/*.parquet')"
        ).fetchall()
    )
    assert spark_local == duck_local and len(duck_local) > 20
