"""AI Copilot page (AppTest): copilot down -> notice; library-mode copilot -> real answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import APP

pytestmark = pytest.mark.realdata


def copilot_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("app_pages/copilot.py")
    return at.run()


def ask(at: AppTest, question: str) -> AppTest:
    at.text_area(key="copilot_question").input(question)
    next(b for b in at.button if b.label == "Ask the copilot").click()
    return at.run()


def test_copilot_down_is_a_clear_notice(app_env: Path) -> None:
    at = copilot_app()
    assert not at.exception
    assert any("copilot is offline" in w.value and "make copilot" in w.value for w in at.warning)
    at = ask(at, "Who won the 2018 Azerbaijan Grand Prix?")
    assert not at.exception
    assert any("not reachable" in w.value for w in at.warning)
    # the rest of the app still works
    at.switch_page("app_pages/overview.py")
    assert not at.run().exception
    assert at.dataframe, "overview renders without the copilot"


def test_library_answer_with_table_sql_and_chart(
    library_copilot: str, fastf1_session: Callable[..., Any]
) -> None:
    at = copilot_app()
    assert any("library mode" in i.value for i in at.info)
    at = ask(at, "Who won the 2018 Azerbaijan Grand Prix?")
    assert not at.exception
    results = fastf1_session(2018, 4, "R").results
    winner = results[results["Position"] == 1].iloc[0]
    answer = at.dataframe[0].value
    assert answer.iloc[0]["Driver code"] == winner["Abbreviation"] == "HAM"
    assert answer.iloc[0]["Race time"] == "1:43:44.291"  # formatted m:ss.mmm (with hours)
    assert any("query library" in m.value for m in at.markdown)
    assert "gold.fct_results" in at.code[0].value

    at = ask(at, "Gap to pole in 2024 Spanish Grand Prix qualifying")
    assert not at.exception
    chart = at.get("plotly_chart")
    assert len(chart) == 1, "bar chart drawn from the copilot's chart spec"
    assert at.dataframe[0].value.iloc[0]["Driver code"] == "NOR"
