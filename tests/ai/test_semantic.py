"""The semantic layer end to end on a tiny conformed warehouse (tests/ai/semantic_warehouse.py):
the reader's typed query, compiled and run, gives the answers known by construction; the SQL
passes the copilot's validator; ordinary words, SQL and nonsense are not read; and the copilot
answers from the semantic path before the parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ai.semantic import SemanticReader
from ai.semantic.compiler import NotCompilableError, compile_query
from ai.semantic.layer import load_layer
from ai.semantic.query import Filters, TypedQuery
from tests.ai.scripted_model import ScriptedModel
from tests.ai.semantic_fixtures import answer, run
from tests.ai.semantic_warehouse import build_semantic_warehouse


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("semantic-root")
    build_semantic_warehouse(root / "warehouse" / "f1.duckdb")
    return root


@pytest.fixture(scope="module")
def reader(root: Path) -> SemanticReader:
    return SemanticReader(root / "warehouse" / "f1.duckdb")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who has the most wins?", [("Max Verstappen", 4)]),
        ("Which driver has the most wins in a single season?", [("Max Verstappen", 2023, 3)]),
        ("How many races did Senna win at Monaco?", [(2,)]),
        ("How many wins does Lewis Hamilton have?", [(2,)]),
        ("Who won the most races in the 80s?", [("Ayrton Senna", 3)]),
        ("Who won the most races in 98?", [("Michael Schumacher", 1)]),
        ("How many wins did Verstappen have last season?", [(3,)]),
        ("Who has the most championships?", [("Max Verstappen", 2)]),
        ("Which team has won the most titles?", [("Red Bull Racing", 2)]),
        ("How many different winners were there in 2021?", [(2,)]),
        ("How many sprint wins does Hamilton have?", [(1,)]),
        ("Which team won the most races in the 2020s?", [("Red Bull Racing", 4)]),
        ("Who led the most laps in 2023?", [("Max Verstappen", 3)]),
        ("Who had the fastest pit stop in 2023?", [("Max Verstappen", 2100)]),
        ("How many pit stops did Mercedes make in 2023?", [(2,)]),
        ("Most wins at Silverstone", [("Lewis Hamilton", 2)]),
        ("Who won the most races for Ferrari?", [("Michael Schumacher", 1)]),
        ("How many wins did driver id 1 get?", [(2,)]),
        ("How many wins did McLaren have in the last 5 seasons?", [(0,)]),
        ("Top 2 drivers by podiums", [("Max Verstappen", 5), ("Lewis Hamilton", 4)]),
        ("How many titles did Verstapen win?", [(2,)]),  # one typo in a capitalised name
        ("How many wins did HAM get between 2020 and 2024?", [(2,)]),
    ],
)
def test_questions_answer_from_the_layer(
    reader: SemanticReader, question: str, expected: list[tuple[Any, ...]]
) -> None:
    assert answer(reader, question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Please tell me who refers most wins",  # Al Pease, Alan Rees: never from plain words
        "Don't tell me the wins",  # Don Beauman
        "random words about turtles",
        "How many wins did Hill have?",  # Graham or Damon: two real readings
        "Who was the tallest winner?",  # a modifier the layer cannot express
        "Who won the most races on a Tuesday?",
    ],
)
def test_unread_questions_give_no_query(reader: SemanticReader, question: str) -> None:
    read = reader.answer(question)
    assert read.sql is None and not read.hostile


def test_sql_text_is_hostile(reader: SemanticReader) -> None:
    assert reader.answer("DROP TABLE gold.fct_laps").hostile
    assert reader.answer("select wins from gold.driver_career").hostile


def test_compiler_joins_metrics_and_ranks_within_a_grain(reader: SemanticReader) -> None:
    layer = load_layer()
    both = TypedQuery(("wins", "podiums"), ("driver",), filters=Filters(seasons=(2023, 2023)))
    assert run(reader, compile_query(both, layer)) == [("Max Verstappen", 3, 3)]  # wins > 0
    podiums = TypedQuery(("podiums", "wins"), ("driver",), filters=Filters(seasons=(2023, 2023)))
    assert run(reader, compile_query(podiums, layer)) == [
        ("Max Verstappen", 3, 3),
        ("Bruno Senna", 1, 0),
        ("Lewis Hamilton", 1, 0),
        ("Mick Schumacher", 1, 0),
    ]
    fewest = TypedQuery(("wins",), ("constructor",), order="worst", shape="row")
    assert run(reader, compile_query(fewest, layer))[0][1] == 0
    by_circuit = TypedQuery(("wins",), ("circuit",), filters=Filters(drivers=("senna",)))
    assert run(reader, compile_query(by_circuit, layer)) == [
        ("Circuit de Monaco", 2),
        ("Silverstone Circuit", 1),
    ]


def test_a_filter_the_source_lacks_does_not_compile() -> None:
    titles_at = TypedQuery(("championships",), ("driver",), filters=Filters(circuits=("monaco",)))
    with pytest.raises(NotCompilableError):
        compile_query(titles_at, load_layer())


def test_every_metric_compiles_and_runs(reader: SemanticReader) -> None:
    layer = load_layer()
    for name in layer.metrics:
        query = TypedQuery((name,), ("driver",), filters=Filters(seasons=(2023, 2023)))
        run(reader, compile_query(query, layer))  # validated and run, no error


def test_copilot_answers_from_the_semantic_path(root: Path, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(root, ScriptedModel(["x"], available=False))
    body = client.post("/ask", json={"question": "How many races did Senna win at Monaco?"})
    assert body.status_code == 200, body.text
    assert body.json()["library_id"] == "semantic:wins" and body.json()["rows"] == [[2]]
    oldest = client.post("/ask", json={"question": "Who was the oldest race winner?"})
    assert oldest.status_code == 200 and oldest.json()["rows"] == [["Lewis Hamilton", 39.23]]
    for text in ("DROP TABLE gold.fct_laps", "random words about turtles", "zzz qqq"):
        refused = client.post("/ask", json={"question": text})  # no model reachable: a refusal
        assert refused.status_code == 422 and refused.json()["error"] == "needs_llm"
        assert "rows" not in refused.json()
