"""The Race page's analyst views against Fast-F1 (bronze) and Ergast: gap to the leader, safety
car periods shaded on the lap charts, stint pace per compound."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import gaps, queries, track_status
from tests.dashboard.conftest import APP, chart_traces
from tests.dashboard.official_gaps import (
    TIME_PENALTIES_S,
    TOLERANCE_S,
    official_gaps,
    tolerance_s,
)
from tests.dashboard.test_compare_gaps import bronze

pytestmark = pytest.mark.realdata


def race_page(session_id: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = session_id
    at.switch_page("app_pages/race.py")
    at.run()
    assert not at.exception
    return at


def figure(at: AppTest, index: int) -> dict[str, Any]:
    chart = at.get("plotly_chart")[index]
    return {"data": chart_traces(chart), "layout": json.loads(chart.proto.spec)["layout"]}


def races(key: queries.WarehouseKey) -> list[str]:
    catalog = queries.sessions_catalog(key)
    rows = catalog[catalog["has_laps"] & catalog["session_type"].isin(queries.RACE_LIKE)]
    return rows["session_id"].tolist()


def safety_car_laps(root: Path, session_id: str) -> list[tuple[int, int]] | None:
    """Fast-F1's race-control messages: (lap deployed, lap of 'SAFETY CAR IN THIS LAP'); None
    when the session has no messages."""
    season, round_number, code = session_id.split("-")
    folder = root / "bronze" / "race_control" / f"season={season}" / f"round={round_number}"
    if not (folder / f"session={code}").exists():
        return None
    messages = pd.read_parquet(folder / f"session={code}").sort_values("time")
    periods: list[tuple[int, int]] = []
    start = None
    for lap, text in zip(messages["lap"], messages["message"].str.upper(), strict=True):
        if text.startswith("SAFETY CAR DEPLOYED") and start is None:
            start = int(lap)
        elif text.startswith("SAFETY CAR IN THIS LAP") and start is not None:
            periods.append((start, int(lap)))
            start = None
    return periods


def test_gap_to_the_leader_ends_on_the_official_gaps(app_env: Path) -> None:
    """Every race and sprint: the last lap's gap to the leader of each classified lead-lap car
    is its official gap to the winner (less the stewards' time penalties); the page's chart for
    2025 Bahrain draws those numbers, legend in finishing order."""
    key = queries.warehouse_key(app_env / "warehouse" / "f1.duckdb")
    failures, checked = [], 0
    for session_id in races(key):
        behind, _source = official_gaps(app_env, session_id)
        if len(behind) < 2:
            continue
        frame = gaps.leader_gaps(queries.lap_end_times(key, session_id))
        last = frame[frame["lap_number"] == frame["lap_number"].max()].set_index("driver_code")
        penalties = TIME_PENALTIES_S.get(session_id, {})
        winner = behind.index[0]
        for driver, official in behind.items():
            expected = official - penalties.get(str(driver), 0.0) + penalties.get(winner, 0.0)
            tolerance = tolerance_s(session_id, str(driver), winner)
            shown = float(last.loc[driver, "gap_s"]) if driver in last.index else float("nan")
            if not abs(shown - expected) <= tolerance:
                failures.append(f"{session_id} {driver}: {shown:.3f} vs {expected:.3f}")
            checked += 1
    assert not failures, failures
    assert checked > 150

    at = race_page("2025-04-R")
    assert any(s.value == "Gap to the leader" for s in at.subheader)
    chart = next(
        f
        for i in range(len(at.get("plotly_chart")))
        if (f := figure(at, i))["layout"].get("yaxis", {}).get("title", {}).get("text", "")
        == "Gap to the leader (s)"
    )
    results = bronze(app_env, "results", 2025, 4, "R").sort_values("position")
    names = [t["name"] for t in chart["data"]]
    assert names == [c for c in results["abbreviation"] if c in names]
    final = {t["name"]: t["y"][-1] for t in chart["data"]}
    assert final["RUS"] == pytest.approx(15.499, abs=TOLERANCE_S)
    assert final["NOR"] == pytest.approx(16.273, abs=TOLERANCE_S)


def test_safety_car_periods_are_shaded_where_race_control_says(app_env: Path) -> None:
    """The SC bands are the laps from 'SAFETY CAR DEPLOYED' to 'SAFETY CAR IN THIS LAP' in
    Fast-F1's race-control messages, for every race and sprint that has them; on the page
    the position and gap charts carry the bands."""
    key = queries.warehouse_key(app_env / "warehouse" / "f1.duckdb")
    compared = {}
    for session_id in races(key):
        expected = safety_car_laps(app_env, session_id)
        if expected is None:
            continue
        shown = track_status.periods(queries.leader_track_status(key, session_id))
        assert [(p.first_lap, p.last_lap) for p in shown if p.kind == "SC"] == expected, session_id
        compared[session_id] = expected
    assert sum(len(v) for v in compared.values()) >= 5, compared

    at = race_page("2025-01-R")
    for index in (0, 1):  # positions, gap to the leader
        shapes = figure(at, index)["layout"].get("shapes", [])
        bands = [(s["x0"] + 0.5, s["x1"] - 0.5) for s in shapes if s.get("name") == "SC"]
        assert bands == [(1, 7), (34, 41), (47, 51)]


def test_stint_pace_per_compound_from_fastf1_laps(app_env: Path) -> None:
    """2025 Bahrain: stints and laps per compound are Fast-F1's (driver, stint) pairs and laps;
    every point of the pace chart is a lap Fast-F1 timed on that compound at that tyre age."""
    laps = bronze(app_env, "laps", 2025, 4, "R")
    at = race_page("2025-04-R")
    table = next(
        df.value for df in at.dataframe if "Degradation (s/lap)" in df.value.columns
    ).set_index("Compound")
    for compound, rows in laps.groupby("compound"):
        row = table.loc[str(compound).title()]
        assert row["Stints"] == len(rows[["driver", "stint"]].drop_duplicates())
        assert row["Laps"] == len(rows)
    chart = next(
        f
        for i in range(len(at.get("plotly_chart")))
        if (f := figure(at, i))["layout"].get("xaxis", {}).get("title", {}).get("text", "")
        == "Tyre age (laps)"
    )
    timed = {
        (str(c).title(), int(age), round(us / 1000))
        for c, age, us in zip(laps["compound"], laps["tyre_life"], laps["lap_time_us"], strict=True)
        if pd.notna(age) and pd.notna(us)
    }
    points = [
        (t["name"], int(x), round(y * 1000))
        for t in chart["data"]
        if t.get("mode") == "markers"
        for x, y in zip(t["x"], t["y"], strict=True)
    ]
    assert len(points) > 500
    assert set(points) <= timed
    assert [t["name"] for t in chart["data"] if t.get("mode") == "markers"] == [
        "Soft",
        "Medium",
        "Hard",
    ]
