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
from ingestion.writer import session_partition, staging_dir, write_atomic

SAMPLES_PER_SECOND = 4


def lap_profile(offsets_s: np.ndarray) -> dict[str, np.ndarray]:
    """A deterministic speed/throttle/brake shape over the seconds since the lap started."""
    phase = np.sin(2 * np.pi * offsets_s / 20)
    speed = 180 + 120 * phase
    return {
        "RPM": 9000 + 25 * speed,
        "Speed": speed,
        "nGear": np.clip(speed // 40, 1, 8).astype("int64"),
        "Throttle": np.where(np.cos(2 * np.pi * offsets_s / 20) > -0.3, 100.0, 0.0),
        "Brake": np.cos(2 * np.pi * offsets_s / 20) < -0.5,
        "DRS": np.where(offsets_s % 30 < 5, 12, 8).astype("int64"),
    }


def write_synthetic_car_data(root: Path, key: SessionKey) -> pd.DataFrame:
    """Write bronze/car_data for `key` from its real bronze laps; returns the samples written
    (one row per sample: driver_number, session_time, speed, ...)."""
    bronze = root / "bronze"
    laps = pq.read_table(
        session_partition(bronze / "laps", key) / "part-0.parquet",
        columns=["driver_number", "lap_start_time", "lap_time"],
    ).to_pandas()
    timed = laps.dropna(subset=["lap_start_time", "lap_time"])
    start = pd.Timestamp(f"{key.season}-01-01 12:00:00")
    per_car: dict[str, Telemetry] = {}
    for driver, driver_laps in timed.groupby("driver_number"):
        parts = []
        for lap in driver_laps.itertuples():
            offsets = np.arange(0, lap.lap_time.total_seconds(), 1 / SAMPLES_PER_SECOND)
            session_time = lap.lap_start_time + pd.to_timedelta(offsets, unit="s")
            parts.append(
                pd.DataFrame(
                    {
                        "Date": start + session_time,
                        "SessionTime": session_time,
                        **lap_profile(offsets),
                        "Source": "car",
                    }
                )
            )
        samples = pd.concat(parts, ignore_index=True).sort_values("SessionTime")
        samples = samples.drop_duplicates("SessionTime").reset_index(drop=True)
        samples.insert(2, "Time", samples["SessionTime"] - samples["SessionTime"].iloc[0])
        per_car[str(driver)] = Telemetry(samples)
    frame = _telemetry(SimpleNamespace(car_data=per_car), "car_data")
    assert frame is not None
    lineage = Lineage.now(offline=True)
    write_atomic(
        frame_to_table(frame, lineage), session_partition(bronze / "car_data", key),
        staging_dir(bronze),
    )  # fmt: skip
    return frame
