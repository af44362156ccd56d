"""Overview of a qualifying session (AppTest, real warehouse) against Ergast's qualifying
classification: grid order, Q1/Q2/Q3 times, knock-outs; no 'None' and no made-up zeros."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import lap_time
from tests.dashboard import ergast
from tests.dashboard.conftest import APP

pytestmark = pytest.mark.realdata


def overview(session_id: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = session_id
    at.run()
    assert not at.exception
    return at


def test_qualifying_fastest_laps_are_the_grid_order(app_env: Path) -> None:
    """2024 Bahrain: LEC's Q2 lap (1:29.165) was quicker than VER's pole lap (1:29.179), yet
    VER's pole lap comes first."""
    official = ergast.qualifying(2024, 1)
    at = overview("2024-01-Q")
    table = at.dataframe[0].value
    assert table["Driver"].tolist() == official["code"].tolist()
    first = table.iloc[0]
    assert first["Driver"] == "VER" and first["Part"] == "Q3"
    assert first["Lap time"] == lap_time(official["q3_ms"].iloc[0]) == "1:29.179"
    for part in ("q1", "q2", "q3"):
        assert table[part.upper()].tolist() == official[f"{part}_ms"].map(lap_time).tolist()
    # knock-outs: no Q2 time -> out in Q1; a Q2 time but none in Q3 -> out in Q2
    expected_out = [
        "Q1" if pd.isna(q2) else "Q2" if pd.isna(q3) else ""
        for q2, q3 in zip(official["q2_ms"], official["q3_ms"], strict=True)
    ]
    assert table["Knocked out"].tolist() == expected_out
    assert expected_out.count("Q1") == 5 and expected_out.count("Q2") == 5


def test_team_summaries_say_no_data_instead_of_none_or_zero(app_env: Path) -> None:
    at = overview("2024-01-Q")
    shown = [frame.value for frame in at.dataframe[1:]]
    assert shown, "team summaries render"
    for frame in shown:
        text = frame.astype(str)
        assert not text.isin(["None", "nan", "<NA>", "NaN"]).any().any(), frame
    quali = shown[0]
    assert "Pit stops" not in quali.columns  # qualifying has no pit strategy to count
    official = ergast.qualifying(2024, 1)
    pole_team_row = quali[quali["Drivers"].str.contains("VER")].iloc[0]
    assert pole_team_row["Best position"] == "P1"
    assert official["code"].iloc[0] == "VER"
