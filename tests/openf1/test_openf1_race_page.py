"""The dashboard's Race page and the copilot answer for the 2024 Singapore GP race, whose laps and
positions only OpenF1 has, like for any other race. Expected values are computed here from the
OpenF1 recording and the Ergast dump, never from the warehouse."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import plotly.io
import pytest
from fastapi.testclient import TestClient

from tests.conftest import require_openf1_dump
from tests.openf1.support import ROUND, SEASON, ergast_grid, recorded

pytestmark = pytest.mark.realdata
SESSION = f"{SEASON}-{ROUND:02d}-R"
APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def values(array: Any) -> list[Any]:
    """A trace's data as a list (plotly ships numeric arrays base64-encoded as typed arrays)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def recorded_positions(dump: Path) -> dict[str, dict[int, int]]:
    """driver code -> {lap: position at the end of the lap} for every timed lap of the
    recording: OpenF1's last position change at or before the lap's end (date_start +
    lap_duration), the Ergast grid before a driver's first change (OpenF1 sends changes only)."""
    acronym = {d["driver_number"]: d["name_acronym"] for d in recorded(dump, "drivers")}
    grid = ergast_grid()
    changes: dict[int, list[tuple[datetime, int]]] = {}
    for row in recorded(dump, "position"):
        changes.setdefault(row["driver_number"], []).append(
            (datetime.fromisoformat(row["date"]), row["position"])
        )
    expected: dict[str, dict[int, int]] = {}
    for lap in recorded(dump, "laps"):
        if lap["lap_duration"] is None:
            continue
        end = datetime.fromisoformat(lap["date_start"]) + timedelta(seconds=lap["lap_duration"])
        before = [(at, p) for at, p in changes.get(lap["driver_number"], []) if at <= end]
        code = acronym[lap["driver_number"]]
        position = max(before)[1] if before else grid[code]
        expected.setdefault(code, {})[lap["lap_number"]] = position
    return expected


def test_the_race_page_draws_positions_lap_by_lap_from_openf1(
    openf1_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.servers import free_port

    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(openf1_warehouse.parents[1]))
    monkeypatch.setenv("AI_SERVICE_URL", f"http://127.0.0.1:{free_port()}")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = SESSION
    at.switch_page("app_pages/race.py")
    at.run()
    assert not at.exception
    assert at.title[0].value == f"Singapore Grand Prix {SEASON}"
    charts = [plotly.io.from_json(chart.proto.spec) for chart in at.get("plotly_chart")]
    position = charts[0]
    traces = {
        trace.name: dict(zip(values(trace.x), values(trace.y), strict=True))
        for trace in position.data
    }
    expected = recorded_positions(require_openf1_dump())
    grid = ergast_grid()
    assert set(traces) == set(expected) and len(traces) == 20
    for code, laps in expected.items():
        drawn = traces[code]
        assert drawn[0] == grid[code], code  # lap 0: the grid
        assert 1 not in drawn, code  # the recording has no lap 1: no point is invented
        assert {lap: drawn[lap] for lap in laps} == laps, code
    winner = next(code for code, laps in expected.items() if laps.get(62) == 1)
    assert winner == "NOR"


@pytest.fixture
def copilot(openf1_warehouse: Path) -> Iterator[TestClient]:
    """The copilot API in library mode (no model) over the OpenF1 warehouse."""
    from ai.main import create_app
    from ai.settings import CopilotSettings
    from tests.ai.scripted_model import ScriptedModel

    settings = CopilotSettings(external_data_root=openf1_warehouse.parents[1])
    with TestClient(create_app(settings, ScriptedModel(["x"], available=False))) as client:
        yield client
        client.app.state.copilot.sandbox.close()  # type: ignore[attr-defined]


def ask(client: TestClient, question: str) -> dict[str, Any]:
    response = client.post("/ask", json={"question": question})
    assert response.status_code == 200, (question, response.text)
    body: dict[str, Any] = response.json()
    assert body["source"] == "library", body
    return body


def test_the_copilot_answers_lap_times_and_fastest_lap_from_openf1(copilot: TestClient) -> None:
    dump = require_openf1_dump()
    number = {d["name_acronym"]: d["driver_number"] for d in recorded(dump, "drivers")}
    timed = [lap for lap in recorded(dump, "laps") if lap["lap_duration"] is not None]
    body = ask(copilot, f"Show Norris's lap times in the {SEASON} Singapore Grand Prix race")
    assert body["library_id"] == "driver_laps"
    rows = [dict(zip(body["columns"], row, strict=True)) for row in body["rows"]]
    expected = {
        lap["lap_number"]: round(lap["lap_duration"] * 1000)
        for lap in timed
        if lap["driver_number"] == number["NOR"]
    }
    assert {r["lap_number"]: r["lap_time_ms"] for r in rows} == expected
    assert min(expected) == 2  # lap 1 is not in the recording, and not in the answer

    # the fastest lap (a race question the copilot answers from its semantic layer): the
    # recording's quickest lap, by name
    quickest = min(timed, key=lambda lap: lap["lap_duration"])
    body = ask(copilot, f"Fastest lap of the {SEASON} Singapore Grand Prix race")
    last_name = {d["driver_number"]: d["last_name"].lower() for d in recorded(dump, "drivers")}[
        quickest["driver_number"]
    ]
    acronym = {d["driver_number"]: d["name_acronym"] for d in recorded(dump, "drivers")}[
        quickest["driver_number"]
    ]
    assert body["rows"], body
    first = dict(zip(body["columns"], body["rows"][0], strict=True))
    named = {str(v).lower() for v in first.values()}
    assert any(v.endswith(last_name) for v in named) or acronym.lower() in named, first
    times = [v for k, v in first.items() if k.endswith("_ms")]  # the lap's time, when given
    assert all(t == round(quickest["lap_duration"] * 1000) for t in times), first
