"""--telemetry: car_data and position tables (the real archive holds no telemetry, so the
conversion is checked on a Fast-F1 Telemetry frame and the CLI on the real cache's gap)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import duckdb
import numpy as np
import pandas as pd
import pytest
from fastf1.core import Telemetry

from ingestion.lineage import Lineage
from ingestion.loader import _telemetry
from ingestion.tables import frame_to_table
from tests.conftest import run_cli, seed_cache
from tests.telemetry_support import car_telemetry, lap_samples


def car_data(samples: int) -> Telemetry:
    """`samples` Fast-F1 car_data rows 270 ms apart, one hour into the session."""
    offsets = np.arange(samples) * 0.27
    return car_telemetry(lap_samples(pd.Timedelta(hours=1), offsets, pd.Timestamp("2024-06-23")))


def test_telemetry_frames_keep_every_sample_losslessly() -> None:
    session = SimpleNamespace(car_data={"1": car_data(5), "44": car_data(3)})
    frame = _telemetry(session, "car_data")
    assert frame is not None
    lineage = Lineage(
        ingested_at=pd.Timestamp.now(tz="UTC").to_pydatetime(), fastf1_version="test", source="test"
    )
    table = frame_to_table(frame, lineage, "car_data")
    assert table.num_rows == 8
    types = {f.name: str(f.type) for f in table.schema}
    # bronze contract: durations as int64 microseconds, UTC instants as timestamp[us, UTC]
    assert types["session_time_us"] == "int64" and types["time_us"] == "int64"
    assert types["date"] == "timestamp[us, tz=UTC]"
    assert types["brake"] == "bool" and types["n_gear"] == "int64"
    assert types["driver_number"] == "string"
    assert table.column("driver_number").to_pylist() == ["1"] * 5 + ["44"] * 3
    # Fast-F1's `Source` (car / pos / interpolation) must not clash with the lineage `source`
    assert table.column("fastf1_source").to_pylist() == ["car"] * 8
    assert table.column("source").to_pylist() == ["test"] * 8
    assert len(table.schema.names) == len(set(table.schema.names))


def test_telemetry_not_loaded_is_no_table() -> None:
    from fastf1.exceptions import DataNotLoadedError

    class NotLoaded:
        @property
        def pos_data(self) -> None:
            raise DataNotLoadedError("not loaded")

    assert _telemetry(NotLoaded(), "pos_data") is None
    assert _telemetry(SimpleNamespace(pos_data={"1": car_data(0)}), "pos_data") is None


@pytest.mark.realdata
def test_telemetry_run_records_the_archives_gap_as_no_data(tmp_path: Path) -> None:
    seed_cache(tmp_path)
    args = ["-m", "ingestion", "run", "--season", "2023", "--rounds", "4", "--sessions", "Q"]
    result = run_cli([*args, "--offline", "--telemetry"], tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    row = duckdb.sql(
        f"""select status, laps_rows, no_data_tables from read_parquet(
                '{tmp_path}/bronze/_manifest/**/*.parquet', hive_partitioning=true)"""
    ).fetchall()
    assert len(row) == 1
    status, laps_rows, no_data = row[0]
    assert status == "ok" and laps_rows == 356
    assert {"car_data", "position"} <= set(no_data)
    assert not (tmp_path / "bronze" / "car_data").exists()


@pytest.mark.realdata
def test_asking_for_telemetry_later_loads_a_session_done_without_it(tmp_path: Path) -> None:
    seed_cache(tmp_path)
    args = ["-m", "ingestion", "run", "--season", "2023", "--rounds", "4", "--sessions", "Q"]
    first = run_cli([*args, "--offline"], tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    again = run_cli([*args, "--offline"], tmp_path)
    assert "1 already in the manifest" in again.stdout
    with_telemetry = run_cli([*args, "--offline", "--telemetry"], tmp_path)
    assert with_telemetry.returncode == 0, with_telemetry.stderr[-2000:]
    assert "0 already in the manifest" in with_telemetry.stdout
    no_data = duckdb.sql(
        f"""select no_data_tables from read_parquet(
                '{tmp_path}/bronze/_manifest/**/*.parquet', hive_partitioning=true)"""
    ).fetchall()[0][0]
    assert {"car_data", "position"} <= set(no_data)
    # now telemetry was tried: the next --telemetry run costs no load
    last = run_cli([*args, "--offline", "--telemetry"], tmp_path)
    assert "1 already in the manifest" in last.stdout
