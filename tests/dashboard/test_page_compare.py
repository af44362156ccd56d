"""Compare page (AppTest) on the real warehouse vs Fast-F1."""

from __future__ import annotations

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
