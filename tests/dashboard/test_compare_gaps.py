"""Compare page gaps (AppTest, real warehouse) against Fast-F1's data as ingested (bronze):
the race gap at the line and the qualifying best lap per part."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard import ergast
from tests.dashboard.conftest import APP, chart_traces

pytestmark = pytest.mark.realdata


def compare(session_id: str, first: str, second: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = session_id
    at.switch_page("app_pages/compare.py")
    at.run()
    at.selectbox(key=f"compare_a_{session_id}").select(first).run()
    at.selectbox(key=f"compare_b_{session_id}").select(second).run()
    assert not at.exception
    return at


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [{"data": chart_traces(chart)} for chart in at.get("plotly_chart")]


def bronze(root: Path, table: str, season: int, round_number: int, code: str) -> pd.DataFrame:
    """A session's bronze table as Fast-F1 returned it (the ingestion's raw copy)."""
    folder = root / "bronze" / table / f"season={season}" / f"round={round_number:02d}"
    return pd.read_parquet(folder / f"session={code}")


def test_race_gap_is_the_gap_at_the_line(app_env: Path) -> None:
    """PIA vs RUS, 2025 Bahrain: a lap with no lap time must not drop out of the gap."""
    laps = bronze(app_env, "laps", 2025, 4, "R")
    laps = laps[laps["driver"].isin(["PIA", "RUS"])]
    assert laps["lap_time_us"].isna().sum() > 0, "the case under test: a lap without a lap time"
    ends = {
        code: laps[laps["driver"] == code].dropna(subset=["time_us"]).set_index("lap_number")
        for code in ("PIA", "RUS")
    }
    common = sorted(set(ends["PIA"].index) & set(ends["RUS"].index))
    expected = [
        (ends["PIA"].loc[n, "time_us"] - ends["RUS"].loc[n, "time_us"]) / 1e6 for n in common
    ]
    results = bronze(app_env, "results", 2025, 4, "R").set_index("abbreviation")
    official = results["time_us"].div(1e6).to_dict()["RUS"]  # the gap to the winner

    at = compare("2025-04-R", "PIA", "RUS")
    gap = next(t for f in figures(at) for t in f["data"] if t.get("name") == "Gap at the line")
    assert [int(x) for x in gap["x"]] == [int(n) for n in common]
    assert gap["y"] == pytest.approx(expected, abs=0.0015)
    assert abs(gap["y"][-1]) == pytest.approx(official, abs=0.1)  # 15.499 s officially
    assert 15.3 < abs(gap["y"][-1]) < 15.7


def test_qualifying_compares_best_lap_per_part(app_env: Path) -> None:
    """2024 Bahrain qualifying, VER vs LEC: Q1/Q2/Q3 bests (Ergast's classification), never
    equal lap numbers."""
    results = ergast.qualifying(2024, 1).set_index("code")
    parts = ("q1_ms", "q2_ms", "q3_ms")
    at = compare("2024-01-Q", "VER", "LEC")
    laps_figure, gap_figure = figures(at)[:2]
    assert [t["name"] for t in laps_figure["data"]] == ["VER", "LEC"]
    for trace in laps_figure["data"]:
        row = results.loc[trace["name"]]
        assert trace["x"] == ["Q1", "Q2", "Q3"]
        assert trace["y"] == pytest.approx([row[p] / 1000 for p in parts], abs=0.0005)
    bars = gap_figure["data"][0]
    assert bars["x"] == ["Q1", "Q2", "Q3"]
    ver, lec = results.loc["VER"], results.loc["LEC"]
    assert bars["y"] == pytest.approx([(ver[p] - lec[p]) / 1000 for p in parts], abs=0.0005)
    assert bars["y"][1] > 0 > bars["y"][2]  # LEC quicker in Q2, VER on pole in Q3
    assert not any(s.value == "Lap times" for s in at.subheader)
