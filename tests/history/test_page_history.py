"""History page (AppTest) on the warehouse built with the real Ergast dump; expected values
come from the dump's CSVs."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import APP
from tests.dashboard.servers import free_port
from tests.history.conftest import csv_connection
from tests.transform.truth.career_sql import STARTED

VIEW_KEY = "history_view"  # the page's lazy tabs: session_state[VIEW_KEY] = the open tab
pytestmark = pytest.mark.realdata


@pytest.fixture
def history_app(history_root: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(history_root))
    monkeypatch.setenv("AI_SERVICE_URL", f"http://127.0.0.1:{free_port()}")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("app_pages/history.py")
    return at.run()


def metric(at: AppTest, label: str) -> list[str]:
    return [m.value for m in at.metric if m.label == label]


def test_champions_timeline_and_table(history_app: AppTest) -> None:
    at = history_app
    assert not at.exception
    assert at.title[0].value == "Formula 1 history"
    table = at.dataframe[0].value
    assert len(table) == 77  # 1950-2025 from the history, 2026 from Fast-F1's races
    by_season = table.set_index("Season")
    assert by_season.loc[1950, "Drivers' champion"] == "Nino Farina"
    assert by_season.loc[2020, "Drivers' champion"] == "Lewis Hamilton"
    assert by_season.loc[2024, "Constructors' champion"] == "McLaren"


def test_career_card_and_two_careers(history_app: AppTest) -> None:
    at = history_app
    expected = (
        csv_connection()
        .execute(
            f"""select count(distinct raceId) filter (where r.position = 1),
                  count(distinct raceId) filter (where r.position <= 3),
                  count(distinct raceId) filter (where r.{STARTED})
           from results r join drivers d using (driverId)
           where d.driverRef = 'michael_schumacher'"""
        )
        .fetchall()[0]
    )
    # a career wholly inside the dump (Fast-F1's 2026 races add to current drivers')
    at.session_state[VIEW_KEY] = "Drivers"  # the tabs are lazy: open the Drivers tab
    at.run()
    at.selectbox(key="history_driver").select("michael_schumacher").run()
    at.selectbox(key="history_driver_b").select("hamilton").run()
    assert not at.exception
    assert metric(at, "Wins")[:2] == [str(expected[0])] * 2  # card + left of side by side
    assert metric(at, "Podiums")[0] == str(expected[1])
    assert metric(at, "Starts")[0] == str(expected[2])
    assert metric(at, "Titles") == ["7", "7", "7"]
    assert len(at.get("plotly_chart")) == 1  # wins per season (the champions tab is closed)


def test_circuit_winners(history_app: AppTest) -> None:
    at = history_app
    at.session_state[VIEW_KEY] = "Circuits"
    at.run()
    at.selectbox(key="history_circuit").select("monaco").run()
    assert not at.exception
    expected = (
        csv_connection()
        .execute(
            """select count(*) from results r join races using (raceId)
           join circuits c using (circuitId) where c.circuitRef = 'monaco' and r.position = 1"""
        )
        .fetchall()[0][0]
    )
    winners = at.dataframe[-1].value
    assert len(winners) == expected
    # a card (caption, then the name in bold over the count) that never cuts the name
    assert "**Ayrton Senna**  \n6 wins" in [m.value for m in at.markdown]
