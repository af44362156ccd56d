"""AI Copilot page (AppTest) with a library-mode copilot: suggestions listed once, as buttons
that ask in one click; no warehouse jargon in what a fan reads."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import APP

pytestmark = pytest.mark.realdata

NEEDS_MODEL = "Write a poem about the Monaco tunnel"


def copilot_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("app_pages/copilot.py")
    return at.run()


def texts(at: AppTest) -> str:
    kinds = ("error", "warning", "info", "caption", "markdown")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def test_an_example_asks_in_one_click(library_copilot: str) -> None:
    at = copilot_app()
    example = next(b for b in at.button if b.key == "copilot_example_0")
    example.click().run()
    assert not at.exception
    assert at.text_area(key="copilot_question").value == example.label
    assert any("query library" in m.value for m in at.markdown), "answered on the first click"
    assert at.dataframe, "the answer table is shown"


def test_suggestions_listed_once_and_clickable(library_copilot: str) -> None:
    at = copilot_app()
    at.text_area(key="copilot_question").input(NEEDS_MODEL)
    next(b for b in at.button if b.label == "Ask the copilot").click().run()
    assert not at.exception
    suggestions = [b for b in at.button if str(b.key).startswith("copilot_suggestion_")]
    assert suggestions, "the library's suggestions are offered as buttons"
    shown = texts(at)
    for button in suggestions:
        assert button.label not in shown, f"listed twice: {button.label}"
    first = suggestions[0].label
    suggestions[0].click().run()
    assert not at.exception
    assert at.text_area(key="copilot_question").value == first
    assert any("query library" in m.value for m in at.markdown), "one click asked it"


def test_no_rows_is_said_in_plain_words(library_copilot: str) -> None:
    at = copilot_app()
    at.text_area(key="copilot_question").input("Tyre strategy in the 2024 Spanish Grand Prix race")
    next(b for b in at.button if b.label == "Ask the copilot").click().run()
    assert not at.exception
    shown = texts(at)
    assert "gold." not in shown and "has_*" not in shown, shown
    assert "0 rows" not in shown
    assert "No rows came back" in shown, "the race has no laps: the empty answer is explained"
