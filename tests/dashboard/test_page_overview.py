"""Overview page (AppTest) on the warehouse built from the real Fast-F1 cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import lap_time
from tests.dashboard.conftest import APP, lap_ms, latest_session_with_laps

pytestmark = pytest.mark.realdata


def test_defaults_to_latest_session_with_laps(app_env: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    # the latest session with laps in the real cache's catalog (what Fast-F1 returns)
    latest, session_id = latest_session_with_laps()
    assert at.selectbox(key="filter_season").value == latest["year"]
    assert at.selectbox(key="filter_session").value == session_id
    assert at.title[0].value == f"{latest['event']} {latest['year']}"


def test_fastest_laps_match_fastf1(app_env: Path, fastf1_session: Callable[..., Any]) -> None:
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    # choose the 2024 Spanish GP qualifying through the sidebar filters
    at.selectbox(key="filter_season").select(2024).run()
    at.selectbox(key="filter_event").select("2024-10").run()
    at.selectbox(key="filter_session").select("2024-10-Q").run()
    assert not at.exception
    assert at.title[0].value == "Spanish Grand Prix 2024"

    laps = fastf1_session(2024, 10, "Q").laps
    fastest = laps.pick_fastest()
    table = at.dataframe[0].value  # qualifying: the lap that set each place, grid order
    assert len(table) == laps["Driver"].nunique()
    first = table.iloc[0]
    assert first["Driver"] == fastest["Driver"] == "NOR"
    assert first["Lap time"] == lap_time(lap_ms(fastest["LapTime"])) == "1:11.383"
    assert first["Lap"] == int(fastest["LapNumber"])
    assert first["Team"] == fastest["Team"]
    # every time is m:ss.mmm; the Q3 laps lead, in lap-time order
    assert table["Lap time"].str.fullmatch(r"\d:\d{2}\.\d{3}").all()
    top = table[table["Part"] == "Q3"]["Lap time"].tolist()
    assert top and top == sorted(top) == table["Lap time"].head(len(top)).tolist()

    metrics = {m.label: m.value for m in at.metric}
    valid = laps[laps["LapTime"].notna()]
    assert metrics["Laps"] == f"{len(laps):,}"
    assert metrics["Drivers"] == str(valid["Driver"].nunique())
    assert metrics["Fastest lap · NOR"] == "1:11.383"
    assert at.get("plotly_chart"), "the best-lap chart renders"

    # team summary of the qualifying session: McLaren (NOR pole) first, best lap = pole time
    teams = at.dataframe[1].value
    assert teams.iloc[0]["Team"] == "McLaren"
    assert teams.iloc[0]["Best lap"] == "1:11.383"


def test_session_without_laps_shows_the_command(app_env: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = "2024-10-R"  # races after 2018 carry results only
    at.run()
    assert not at.exception
    messages = " ".join(i.value for i in at.info)
    assert "No lap timing" in messages
    assert "make ingest SEASON=2024 ROUNDS=10 SESSIONS=R" in messages
    assert "make gold" in messages
    # the classification is still shown: Verstappen won the 2024 Spanish GP
    results = at.dataframe[0].value
    assert results.iloc[0]["Driver"] == "VER"


def test_no_warehouse_names_the_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(tmp_path))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    text = " ".join(i.value for i in at.info)
    assert "No warehouse yet" in text
    assert "make gold" in text and "make ingest" in text
