"""Race page (AppTest) on the real warehouse: 2018 Azerbaijan GP, the race with lap timing."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import APP
from tests.transform.ergast_support import ergast, race_id

pytestmark = pytest.mark.realdata


def race_app(session_id: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = session_id
    at.switch_page("app_pages/race.py")
    return at.run()


def figures(at: AppTest) -> list[Any]:
    """The plotly figures the page sent."""
    return [plotly.io.from_json(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(array: Any) -> list[Any]:
    """A trace's data as a list (plotly ships numeric arrays base64-encoded as typed arrays)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_race_page_matches_fastf1(app_env: Path, fastf1_session: Callable[..., Any]) -> None:
    at = race_app("2018-04-R")
    assert not at.exception
    assert at.title[0].value == "Azerbaijan Grand Prix 2018"
    session = fastf1_session(2018, 4, "R")
    laps = session.laps

    position, _gap_to_leader, strategy, distribution, _compound_pace = figures(at)
    # position chart: one line per driver with positions, the winner is P1 on the last lap
    by_driver = {trace.name: trace for trace in position.data}
    assert set(by_driver) == set(laps[laps["Position"].notna()]["Driver"].unique())
    last = laps.loc[laps.groupby("Driver")["LapNumber"].idxmax()].set_index("Driver")
    assert values(by_driver["HAM"].y)[-1] == 1 == int(last.loc["HAM", "Position"])
    # lap 0 = the starting grid (Fast-F1 GridPosition; 0 = pit lane = the last grid slot)
    grid = session.results.set_index("Abbreviation")["GridPosition"]
    slots = int(grid.notna().sum())
    for driver, trace in by_driver.items():
        assert values(trace.x)[0] == 0, driver
        start = int(grid[driver]) or slots
        assert values(trace.y)[0] == start, (driver, values(trace.y)[0], start)
    # tyre strategy bars: one bar trace per compound actually used
    used = {str(c).title() for c in laps["Compound"].dropna().unique()}
    assert {trace.name for trace in strategy.data} <= used
    assert len(distribution.data) >= 10, "one clean-lap box per driver"

    tables = [frame.value for frame in at.dataframe]
    _per_compound, pit_stops, race_control, classification = tables
    assert classification.iloc[0]["Driver"] == "HAM"
    # pit stops as Ergast counts them (retirement in-laps are not stops)
    stops = ergast("select count(*) from pit_stops where raceId = ?", [race_id(2018, 4)])
    assert len(pit_stops) == stops[0][0]
    assert len(race_control) == len(session.race_control_messages)


def test_qualifying_has_no_position_chart_but_says_why(app_env: Path) -> None:
    at = race_app("2024-10-Q")
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert "Running positions exist for races and sprints only" in info
    assert "2018 Azerbaijan Grand Prix Race" in info  # names a session that has them
    assert len(at.get("plotly_chart")) == 3  # strategy, distribution, pace per compound
