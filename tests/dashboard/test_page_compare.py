"""Compare page (AppTest) on the real warehouse vs Fast-F1."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import gap, lap_time
from tests.dashboard.conftest import APP, lap_ms

pytestmark = pytest.mark.realdata


def test_compare_two_fastest_drivers(app_env: Path, fastf1_session: Callable[..., Any]) -> None:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = "2024-10-Q"
    at.switch_page("app_pages/compare.py")
    at.run()
    assert not at.exception
    laps = fastf1_session(2024, 10, "Q").laps
    nor = lap_ms(laps.pick_drivers("NOR").pick_fastest()["LapTime"])
    ver = lap_ms(laps.pick_drivers("VER").pick_fastest()["LapTime"])
    # defaults: the session's two fastest drivers
    assert at.selectbox(key="compare_a_2024-10-Q").value == "NOR"
    assert at.selectbox(key="compare_b_2024-10-Q").value == "VER"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["NOR best lap"] == lap_time(nor) == "1:11.383"
    assert metrics["VER best lap"] == lap_time(ver)
    assert metrics["Best-lap gap"] == gap(nor - ver) == "-0.020"
    assert len(at.get("plotly_chart")) == 2  # lap times + gap
    assert any("No car telemetry" in i.value and "--telemetry" in i.value for i in at.info)

    at.selectbox(key="compare_b_2024-10-Q").select("LEC").run()
    assert not at.exception
    lec = lap_ms(laps.pick_drivers("LEC").pick_fastest()["LapTime"])
    assert {m.label: m.value for m in at.metric}["LEC best lap"] == lap_time(lec)


def test_telemetry_traces_of_both_fastest_laps(
    telemetry_root: tuple[Path, Any],
    monkeypatch: pytest.MonkeyPatch,
    fastf1_session: Callable[..., Any],
) -> None:
    """With car_data ingested (synthetic samples for a real session), the page overlays both
    drivers' fastest laps: speed, throttle and brake against distance into the lap."""
    root, _samples = telemetry_root
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(root))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = "2023-04-Q"
    at.switch_page("app_pages/compare.py")
    at.run()
    assert not at.exception
    assert not any("No car telemetry" in i.value for i in at.info)
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # lap times, gap, telemetry
    figure = json.loads(charts[2].proto.spec)
    laps = fastf1_session(2023, 4, "Q").laps
    first = laps.pick_fastest()["Driver"]
    names = [t["name"] for t in figure["data"] if t.get("showlegend")]
    assert len(names) == 2 and names[0].startswith(f"{first} lap ")
    second = names[1].split()[0]
    for code, name in zip((first, second), names, strict=True):
        lap = laps.pick_drivers(code).pick_fastest()
        assert name == f"{code} lap {int(lap['LapNumber'])} ({lap_time(lap_ms(lap['LapTime']))})"
    assert len(figure["data"]) == 6  # speed, throttle, brake per driver
