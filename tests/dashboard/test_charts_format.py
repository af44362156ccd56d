"""Chart conventions (AppTest, real warehouse) checked against Fast-F1's data as ingested
(bronze): Pirelli's 2018 colours in a fixed legend order, the position legend in finishing
order, lap-time axes in m:ss.mmm scaled by representative laps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import APP, chart_traces
from tests.dashboard.test_compare_gaps import bronze

pytestmark = pytest.mark.realdata

# Pirelli 2018: hypersoft pink, ultrasoft purple, supersoft red, soft yellow, medium white
PIRELLI_2018 = {"ULTRASOFT": "#B138DD", "SUPERSOFT": "#DA291C", "SOFT": "#FFD12E"}
SOFTEST_FIRST = ["HYPERSOFT", "ULTRASOFT", "SUPERSOFT", "SOFT", "MEDIUM", "HARD", "SUPERHARD"]


def page(path: str, session_id: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = session_id
    at.switch_page(path)
    at.run()
    assert not at.exception
    return at


def layout(chart: Any) -> dict[str, Any]:
    return dict(json.loads(chart.proto.spec)["layout"])


def test_race_tyres_and_legend_order(app_env: Path) -> None:
    laps = bronze(app_env, "laps", 2018, 4, "R")
    results = bronze(app_env, "results", 2018, 4, "R")
    at = page("app_pages/race.py", "2018-04-R")
    positions, _gap_to_leader, strategy = at.get("plotly_chart")[:3]
    # the position chart's legend: the classification order
    names = [t["name"] for t in chart_traces(positions)]
    finishing = [code for code in results["abbreviation"] if code in names]
    assert names == finishing and names[0] == "HAM"
    # tyres: 2018 colours, softest first, whatever order the stints came in
    named = set(laps["compound"].dropna().str.upper()) & set(SOFTEST_FIRST)
    compounds = sorted(named, key=SOFTEST_FIRST.index)
    traces = [t for t in chart_traces(strategy) if t["name"].upper() in SOFTEST_FIRST]
    assert [t["name"].upper() for t in traces] == compounds
    for trace in traces:
        assert trace["marker"]["color"].upper() == PIRELLI_2018[trace["name"].upper()]
    assert len({t["marker"]["color"] for t in traces}) == len(traces)  # soft != supersoft


def test_lap_time_axis_is_scaled_by_representative_laps(app_env: Path) -> None:
    laps = bronze(app_env, "laps", 2018, 4, "R")
    at = page("app_pages/compare.py", "2018-04-R")
    first = at.selectbox(key="compare_a_2018-04-R").value
    second = at.selectbox(key="compare_b_2018-04-R").value
    mine = laps[laps["driver"].isin([first, second]) & laps["lap_time_us"].notna()]
    mine = mine.sort_values(["driver", "lap_number"])
    status = mine["track_status"].astype(str)
    previous = mine.groupby("driver")["track_status"].shift().astype(str)
    green = (  # a full green lap after a green lap (not the restart lap), no pit stop
        (status == "1")
        & (previous == "1")
        & mine["pit_in_time_us"].isna()
        & mine["pit_out_time_us"].isna()
    )
    representative = mine[green & mine["is_accurate"].fillna(False)]["lap_time_us"] / 1e6
    slowest = float(mine["lap_time_us"].max()) / 1e6  # a safety-car / pit lap
    axis = layout(at.get("plotly_chart")[0])["yaxis"]
    low, high = axis["range"]
    assert low <= representative.min() and representative.max() <= high
    assert high < slowest, "pit and safety-car laps must not set the scale"
    assert axis["ticktext"] and all(
        pd.Series(axis["ticktext"]).str.fullmatch(r"\d:\d{2}\.\d{3}")
    ), axis["ticktext"]
    for value, text in zip(axis["tickvals"], axis["ticktext"], strict=True):
        minutes, seconds = text.split(":")
        assert int(minutes) * 60 + float(seconds) == pytest.approx(value, abs=0.0005)


def test_copilot_stint_answers_use_the_tyre_colours(app_env: Path) -> None:
    """The copilot's stints answer (2018 Baku, the library's example) is drawn as the strategy
    chart in Pirelli's 2018 colours, whatever chart spec came with it; a bar spec over rows
    with a compound is coloured by compound too."""
    from dashboard.charts import spec_chart

    laps = bronze(app_env, "laps", 2018, 4, "R").dropna(subset=["stint"])
    stints = (
        laps.groupby(["driver", "stint"])
        .agg(
            compound=("compound", "first"),
            first_lap_number=("lap_number", "min"),
            last_lap_number=("lap_number", "max"),
            laps_in_stint=("lap_number", "size"),
        )
        .reset_index()
        .rename(columns={"driver": "driver_code", "stint": "stint_number"})
    )
    spec = {"type": "bar", "x": "driver_code", "y": "laps_in_stint", "title": "Stints"}
    figure = spec_chart(spec, stints)
    assert figure is not None
    bars = [t for t in figure.to_dict()["data"] if t["name"].upper() in PIRELLI_2018]
    assert {t["name"].upper() for t in bars} == set(stints["compound"].str.upper()) & set(
        PIRELLI_2018
    )
    for trace in bars:
        assert trace["marker"]["color"].upper() == PIRELLI_2018[trace["name"].upper()]
    plain = stints[["driver_code", "compound", "laps_in_stint"]]
    figure = spec_chart(spec, plain)
    assert figure is not None
    colours = {t["name"]: t["marker"]["color"] for t in figure.to_dict()["data"]}
    assert colours["SOFT"].upper() == PIRELLI_2018["SOFT"]
    assert len(set(colours.values())) == len(colours) > 1
