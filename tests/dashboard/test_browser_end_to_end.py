"""End to end in a real browser: playwright drives Debian chromium against the dashboard and a
library-mode copilot (both on loopback), on the warehouse built from the real Fast-F1 cache.
Screenshots of every page land in test-artifacts/ (gitignored)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dashboard.formatting import gap, lap_time
from tests.dashboard.conftest import lap_ms, latest_session_with_laps
from tests.dashboard.servers import (
    ARTIFACTS,
    chromium_page,
    open_page,
    require_chromium,
    running_apps,
    screenshot_full,
    wait_for_charts,
)

pytestmark = [pytest.mark.realdata, pytest.mark.browser, pytest.mark.slow]


def select(page: Any, label: str, option: str) -> None:
    """Pick `option` in the Streamlit selectbox labelled `label`."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option").filter(has_text=option).first.click()


def first_row(page: Any, table: int = 0, row_index: int = 2) -> list[str]:
    """The cells of a data row (aria-rowindex 2 = the first row under the header)."""
    rows = page.locator('[data-testid="stDataFrame"]').nth(table)
    row = rows.locator(f'tr[aria-rowindex="{row_index}"]')
    row.locator("td").first.wait_for(state="attached")
    return [str(text) for text in row.locator("td").all_inner_texts()]


def heading(page: Any, text: str) -> None:
    page.get_by_role("heading", name=text).first.wait_for(state="visible")


def go_to(page: Any, name: str, ready: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=name).first.click()
    page.wait_for_selector(ready, state="visible")
    wait_for_charts(page)


def test_dashboard_and_copilot_in_chromium(
    real_warehouse: Path, tmp_path: Path, fastf1_session: Callable[..., Any]
) -> None:
    require_chromium()
    fastest = fastf1_session(2018, 4, "R").laps.pick_fastest()
    with (
        running_apps(real_warehouse.parents[1], tmp_path / "logs") as (_ai, dash),
        chromium_page() as page,
    ):
        open_page(page, dash.url, '[data-testid="stDataFrame"]')
        latest, _ = latest_session_with_laps()  # the default: the latest session with laps
        heading(page, f"{latest['event']} {latest['year']}")
        # choose a race through the sidebar filters
        select(page, "Season", "2018")
        heading(page, "Azerbaijan Grand Prix 2018")
        select(page, "Session", "Race")
        page.get_by_text("Race · Baku").first.wait_for()
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"] tr')]
                   .some(r => r.innerText.includes('1:45.149'))"""
        )
        row = first_row(page)
        assert row[1] == fastest["Driver"] == "BOT"
        assert row[7] == lap_time(lap_ms(fastest["LapTime"])) == "1:45.149"
        wait_for_charts(page)
        assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 1
        screenshot_full(page, ARTIFACTS / "overview.png")

        go_to(page, "Race", '[data-testid="stPlotlyChart"] .main-svg')
        page.wait_for_function(
            """() => document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')
                   .length >= 3"""
        )
        heading(page, "Positions lap by lap")
        screenshot_full(page, ARTIFACTS / "race.png")

        go_to(page, "Compare", '[data-testid="stPlotlyChart"] .main-svg')
        heading(page, "Lap times")
        screenshot_full(page, ARTIFACTS / "compare.png")

        go_to(page, "AI Copilot", "textarea")
        page.get_by_text("library mode").first.wait_for()
        page.locator("textarea").fill("Gap to pole in 2024 Spanish Grand Prix qualifying")
        page.get_by_role("button", name="Ask the copilot").click()
        page.get_by_text("Answered from the query library").first.wait_for()
        page.wait_for_selector('[data-testid="stDataFrame"]', state="visible")
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', state="visible")
        # Fast-F1's qualifying classification: best of Q1/Q2/Q3 per driver, pole first
        best = fastf1_session(2024, 10, "Q").results.set_index("Abbreviation")[["Q1", "Q2", "Q3"]]
        order = best.min(axis=1).dropna().sort_values()
        pole, second = order.index[0], order.index[1]
        assert first_row(page)[1] == pole == "NOR"
        assert first_row(page)[3] == gap(0)  # the reference itself
        assert first_row(page, row_index=3)[1] == second
        assert first_row(page, row_index=3)[3] == gap(lap_ms(order.iloc[1]) - lap_ms(order.iloc[0]))
        screenshot_full(page, ARTIFACTS / "copilot.png")
