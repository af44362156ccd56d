"""Synthetic car telemetry for a real bronze session (the real archive holds none).

Samples are Fast-F1-shaped (`fastf1.core.Telemetry` per car, the columns of `Session.car_data`)
and cover every timed lap of the real session at a fixed rate; they go through the ingestion's
own conversion (`loader._telemetry`, `tables.frame_to_table`) and atomic writer, exactly as
`python -m ingestion run --telemetry` writes `bronze/car_data`.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from fastf1.core import Telemetry

from ingestion.lineage import Lineage
from ingestion.loader import _telemetry
from ingestion.selection import SessionKey
from ingestion.tables import frame_to_table
from ingestion.writer import PART_NAME, session_partition, staging_dir, write_atomic

SAMPLES_PER_SECOND = 4


def lap_profile(offsets_s: np.ndarray) -> dict[str, np.ndarray]:
    """A deterministic speed/throttle/brake shape over the seconds since the lap started."""
    phase = 2 * np.pi * offsets_s / 20
    speed = 180 + 120 * np.sin(phase)
    return {
        "RPM": 9000 + 25 * speed,
        "Speed": speed,
        "nGear": np.clip(speed // 40, 1, 8).astype("int64"),
        "Throttle": np.where(np.cos(phase) > -0.3, 100.0, 0.0),
        "Brake": np.cos(phase) < -0.5,
        "DRS": np.where(offsets_s % 30 < 5, 12, 8).astype("int64"),
    }


def lap_samples(lap_start: pd.Timedelta, offsets_s: np.ndarray, day: pd.Timestamp) -> pd.DataFrame:
    """One lap's samples, `offsets_s` seconds after it started, in `Session.car_data`'s columns
    (without `Time`, which is relative to the car's first sample)."""
    session_time = lap_start + pd.to_timedelta(offsets_s, unit="s")
    return pd.DataFrame(
        {
            "Date": day + session_time,
            "SessionTime": session_time,
            **lap_profile(offsets_s),
            "Source": "car",
        }
    )


def car_telemetry(samples: pd.DataFrame) -> Telemetry:
    """One car's samples as Fast-F1 gives them: in time order, `Time` from the first sample."""
    samples = samples.sort_values("SessionTime").drop_duplicates("SessionTime")
    samples = samples.reset_index(drop=True)
    samples.insert(2, "Time", samples["SessionTime"] - samples["SessionTime"].min())
    return Telemetry(samples)


def driver_samples(driver_laps: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Samples every 1/SAMPLES_PER_SECOND s through each of a driver's timed laps."""
    return pd.concat(
        lap_samples(
            lap.lap_start_time,
            np.arange(0, lap.lap_time.total_seconds(), 1 / SAMPLES_PER_SECOND),
            day,
        )
        for lap in driver_laps.itertuples()
    )


def write_synthetic_car_data(root: Path, key: SessionKey) -> pd.DataFrame:
    """Write bronze/car_data for `key` from its real bronze laps; returns the samples written
    (one row per sample: driver_number, session_time, speed, ...)."""
    bronze = root / "bronze"
    laps = pq.read_table(
        session_partition(bronze / "laps", key) / PART_NAME,
        columns=["driver_number", "lap_start_time_us", "lap_time_us"],
    ).to_pandas()
    timed = laps.dropna(subset=["lap_start_time_us", "lap_time_us"])
    timed = timed.assign(  # bronze durations are integer microseconds (bronze contract)
        lap_start_time=pd.to_timedelta(timed["lap_start_time_us"], unit="us"),
        lap_time=pd.to_timedelta(timed["lap_time_us"], unit="us"),
    )
    day = pd.Timestamp(f"{key.season}-01-01 12:00:00")
    per_car = {
        str(driver): car_telemetry(driver_samples(driver_laps, day))
        for driver, driver_laps in timed.groupby("driver_number")
    }
    frame = _telemetry(SimpleNamespace(car_data=per_car), "car_data")
    assert frame is not None
    lineage = Lineage.now(offline=True)
    write_atomic(
        frame_to_table(frame, lineage, "car_data"),
        session_partition(bronze / "car_data", key),
        staging_dir(bronze),
    )
    return frame
