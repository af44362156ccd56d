"""Telemetry models on the real warehouse plus synthetic car_data for one real session:
stg_car_data keeps every sample, fct_fastest_lap_telemetry traces each driver's Fast-F1
`pick_fastest` lap, and verify-gold accepts empty telemetry tables only without car_data."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ingestion.selection import SessionKey
from tests.conftest import TELEMETRY_SESSION, require_shared_cache, run_cli
from tests.ingestion.fastf1_reference import open_reference_cache
from tests.transform.transform_support import query

pytestmark = [pytest.mark.realdata, pytest.mark.slow]
KEY = SessionKey(*TELEMETRY_SESSION)


def test_every_sample_reaches_silver(telemetry_root: tuple[Path, pd.DataFrame]) -> None:
    root, samples = telemetry_root
    warehouse = root / "warehouse" / "f1.duckdb"
    rows = query(
        warehouse, "select count(*), count(distinct driver_number) from silver.stg_car_data"
    )
    assert rows == [(len(samples), samples["DriverNumber"].nunique())]


def test_fastest_lap_trace_is_fastf1_pick_fastest(
    telemetry_root: tuple[Path, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory
) -> None:
    import fastf1

    open_reference_cache(require_shared_cache("all"), tmp_path_factory.mktemp("f1-cache"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = fastf1.get_session(KEY.season, KEY.round, KEY.code)
        session.load(laps=True, telemetry=False, weather=False, messages=False)
    warehouse = telemetry_root[0] / "warehouse" / "f1.duckdb"
    traces = pd.DataFrame(
        query(
            warehouse,
            """select t.driver_code, t.lap_number, t.lap_time_ms, t.sample_number,
                      t.lap_elapsed_ms, t.lap_distance_m, t.speed_kmh,
                      l.lap_start_session_time_ms
               from gold.fct_fastest_lap_telemetry t
               join gold.fct_laps l using (session_id, driver_number, lap_number)
               where t.session_id = '2023-04-Q'
               order by t.driver_code, t.sample_number""",
        ),
        columns=[
            "driver",
            "lap",
            "lap_ms",
            "sample",
            "elapsed_ms",
            "distance_m",
            "speed",
            "start_ms",
        ],
    )
    with_pb = session.laps[session.laps["IsPersonalBest"].fillna(False).astype(bool)]
    assert set(traces["driver"]) == set(with_pb["Driver"])
    assert session.laps.pick_fastest()["Driver"] in set(traces["driver"])
    for driver, trace in traces.groupby("driver"):
        lap = session.laps.pick_drivers(driver).pick_fastest()
        assert trace["lap"].unique().tolist() == [int(lap["LapNumber"])], driver
        lap_ms = int(trace["lap_ms"].iloc[0])
        assert lap_ms == round(lap["LapTime"].total_seconds() * 1000), driver
        # samples cover the lap: from its start, every 250 ms, to at most its end
        assert trace["sample"].tolist() == list(range(1, len(trace) + 1))
        assert trace["elapsed_ms"].iloc[0] == 0
        assert trace["elapsed_ms"].max() <= lap_ms < trace["elapsed_ms"].max() + 250
        # distance = trapezoid integral of speed over time (numpy, independent of the SQL)
        seconds = trace["elapsed_ms"].to_numpy() / 1000
        expected_m = float(np.trapezoid(trace["speed"].to_numpy() / 3.6, seconds))
        assert trace["distance_m"].iloc[-1] == pytest.approx(expected_m, abs=0.2), driver


def test_verify_gold_needs_telemetry_rows_once_car_data_exists(
    telemetry_root: tuple[Path, pd.DataFrame],
) -> None:
    result = run_cli(["-m", "transform", "verify", "--skip-build"], telemetry_root[0])
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no telemetry ingested" not in result.stdout
