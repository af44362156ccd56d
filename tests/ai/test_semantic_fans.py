"""Fans' question kinds on the semantic path: head-to-head, holders of one race and of every
race of a season, first/last round of a season, counting groups, streaks, ages, time variants.

Two tiers: the tiny conformed warehouse (tests/ai/semantic_warehouse.py, answers known by
construction), and the real history warehouse, where the thirty later fan questions
(evaluation/fans/questions_own.py, other phrasings than the parser was written on) are answered
by the semantic reader and scored against answers computed from the Ergast CSVs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ai.semantic import SemanticReader
from evaluation.fans import sources
from evaluation.fans.items import build
from evaluation.fans.questions_own import OWN_SPECS
from evaluation.fans.scorer import judge_path, score
from tests.ai.semantic_fixtures import answer, run
from tests.ai.semantic_warehouse import build_semantic_warehouse


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> SemanticReader:
    path = tmp_path_factory.mktemp("semantic-fans") / "warehouse" / "f1.duckdb"
    build_semantic_warehouse(path)
    return SemanticReader(path)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # head-to-head: both starters of a race, who finished ahead (both named, even at 0)
        (
            "Verstappen v Hamilton 2023 - who finished ahead more often?",
            [("Max Verstappen", 1), ("Lewis Hamilton", 0)],
        ),
        (
            "Hamilton against Verstappen in 2021: who beat the other more often?",
            [("Lewis Hamilton", 1), ("Max Verstappen", 1)],
        ),
        # one edition without "how many": its holder
        ("Winner of the 2021 British GP?", [("Lewis Hamilton", 1)]),
        ("1998 Monaco GP - who took the victory?", [("Michael Schumacher", 1)]),
        # the first / last round of a season
        ("Who won the last race of 2021?", [("Max Verstappen", 1)]),
        ("who won the opening round of 2024", [("Lewis Hamilton", 1)]),
        # counting the groups named after "how many"
        ("How many drivers won a race in 2023?", [(1,)]),
        ("how many races were held in 2023", [(3,)]),
        ("How many teams won a Grand Prix in 2021?", [(2,)]),
        # a metric read another way
        ("How many races in a row did Verstappen win?", [(4,)]),
        ("How old was Verstappen when he first won a Grand Prix?", [(23,)]),
        ("When did Senna take his first Grand Prix victory?", [("1988 Monaco Grand Prix",)]),
        ("Who won the most Grands Prix during the eighties?", [("Ayrton Senna", 3)]),
    ],
)
def test_fan_kinds_on_the_tiny_warehouse(
    reader: SemanticReader, question: str, expected: list[tuple[Any, ...]]
) -> None:
    assert answer(reader, question) == expected


def test_every_race_of_a_season_lists_its_winner(reader: SemanticReader) -> None:
    rows = answer(reader, "Who won each race in 2023?")
    assert sorted((r[1], r[0]) for r in rows) == [
        ("2023 British Grand Prix", "Max Verstappen"),
        ("2023 Italian Grand Prix", "Max Verstappen"),
        ("2023 Monaco Grand Prix", "Max Verstappen"),
    ]
    champions = answer(reader, "List the world champions of the 1980s")
    assert [(r[0], r[1]) for r in champions] == [("Ayrton Senna", 1988)]


@pytest.mark.parametrize(
    "question",
    [
        "How many places did Hamilton drop at Silverstone in 2021?",
        "Biggest climber from grid to flag at the 2023 Monaco Grand Prix?",
        "qualifying head to head Hamilton v Verstappen 2023",
    ],
)
def test_fan_words_are_read_not_refused(reader: SemanticReader, question: str) -> None:
    read = reader.answer(question)
    assert read.sql is not None and not read.hostile, read.reason
    run(reader, read.sql)


@pytest.mark.parametrize(
    "question",
    [
        "DROP TABLE gold.fct_laps",
        "drop table results",
        "Who won the asdf qwerty in 2021?",
        "Verstappen vs the weather",
        "how old is the moon",
    ],
)
def test_hostile_and_nonsense_get_no_sql(reader: SemanticReader, question: str) -> None:
    assert reader.answer(question).sql is None


# The later fan questions the semantic reader answers right on the real history warehouse.
SEMANTIC_OWN = [f"own{n:02d}" for n in range(1, 30) if n not in (11, 25)]


@pytest.fixture(scope="module")
def real_reader(request: pytest.FixtureRequest) -> SemanticReader:
    """The real history warehouse: $SEMANTIC_FANS_WAREHOUSE (a built one, read only), else the
    session's history build (tests/conftest.py)."""
    given = os.environ.get("SEMANTIC_FANS_WAREHOUSE")
    if given:
        return SemanticReader(Path(given))
    return SemanticReader(request.getfixturevalue("history_warehouse"))


@pytest.mark.realdata
@pytest.mark.parametrize("item_id", SEMANTIC_OWN)
def test_later_fan_questions_on_the_real_warehouse(
    real_reader: SemanticReader, item_id: str
) -> None:
    if not (sources.dump_dir() / "results.csv").is_file() or not judge_path().is_file():
        pytest.skip("Ergast dump or answer judge missing")
    spec = next(s for s in OWN_SPECS if s.id == item_id)
    con = sources.connect()
    try:
        item = build(spec, con)
    finally:
        con.close()
    read = real_reader.answer(spec.question)
    assert read.sql is not None, (spec.question, read.reason)
    rows = [list(r) for r in run(real_reader, read.sql)]
    verdict = score(item, rows)
    assert verdict.right, (spec.question, verdict.reason)
