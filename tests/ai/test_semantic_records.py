"""The semantic layer's record shapes on the tiny warehouse (tests/ai/semantic_warehouse.py),
answers known by construction: ages at the event, first and last occurrences, streaks, "without",
front rows, qualifying times, standings after a round, distinct counts, one race's winner or
retirements, nicknames and first names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ai.semantic import SemanticReader
from tests.ai.semantic_fixtures import answer
from tests.ai.semantic_warehouse import build_semantic_warehouse


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> SemanticReader:
    root = tmp_path_factory.mktemp("semantic-records")
    return SemanticReader(build_semantic_warehouse(root / "warehouse" / "f1.duckdb"))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # ages (days / 365.25): Verstappen won at 23.58 (2021-05-01), Hamilton at 39.23 (2024-04-01)
        ("Who is the youngest winner in F1 history?", [("Max Verstappen", 23.58)]),
        ("Who was the oldest race winner?", [("Lewis Hamilton", 39.23)]),
        ("Who is the youngest world champion?", [("Max Verstappen", 23.58)]),
        ("Who was the oldest champion?", [("Michael Schumacher", 29.24)]),
        # first / last: one race named
        ("When did Hamilton last win?", [("2024 British Grand Prix",)]),
        ("What was Ferrari's first win?", [("1998 Monaco Grand Prix",)]),
        ("What was Verstappen's first victory?", [("2021 Monaco Grand Prix",)]),
        # streaks over each driver's races by date: Verstappen 2021 Monaco to 2023 Monza
        ("Who has the longest winning streak?", [("Max Verstappen", 4)]),
        ("How many consecutive wins did Senna have?", [(3,)]),
        ("What is the longest podium streak?", [("Max Verstappen", 5)]),
        # without: Hamilton's only title (2024) is not complete
        ("Who has the most wins without a title?", [("Lewis Hamilton", 2)]),
        ("Who has the most front row starts?", [("Max Verstappen", 5)]),
        ("Who was fastest in Q3 at the 2021 British Grand Prix?", [("Lewis Hamilton", 80100)]),
        ("Who led the championship after round 1 of 2023?", [("Max Verstappen", 31.0)]),
        ("Who led the standings after the second race of 2023?", [("Max Verstappen", 56.0)]),
        ("How many different teams won a race in 2023?", [(1,)]),
        ("How many different pole sitters were there in 2021?", [(2,)]),
        ("How many different winners were there in 2021?", [(2,)]),
        ("Who won at Silverstone in 2023?", [("Max Verstappen", 1)]),
        ("Who won the British GP in 88?", [("Ayrton Senna", 1)]),
        ("Who won the 2024 British Grand Prix?", [("Lewis Hamilton", 1)]),
        ("Who was champion in 1998?", [("Michael Schumacher", 1)]),
        ("Who retired from the 2021 British Grand Prix?", [("Max Verstappen", 1)]),
        ("Who was on the podium at Monaco in 1989?", [("Ayrton Senna", 1), ("Graham Hill", 1)]),
        ("How many wins does Schumi have?", [(1,)]),
        ("How many wins did Ayrton have?", [(3,)]),
    ],
)
def test_record_shapes(
    reader: SemanticReader, question: str, expected: list[tuple[Any, ...]]
) -> None:
    assert answer(reader, question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "How many wins did Bruno have?",  # a first name of a driver who never won: not linked
        "Who has the most wins without a reason?",  # "without" something the layer lacks
        "max wins in the last race",  # "max" and "last race" are ordinary words here
    ],
)
def test_unread_record_questions(reader: SemanticReader, question: str) -> None:
    assert reader.answer(question).sql is None


def test_first_names_follow_the_dominant_reading(reader: SemanticReader) -> None:
    read = reader.answer("How many podiums does Michael have?")
    assert read.query is not None and read.query.filters.drivers == ("michael_schumacher",)
    assert Path(reader.warehouse).exists()
