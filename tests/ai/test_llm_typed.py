"""The model fills the semantic layer's typed query (ai.model_fill, ai.semantic.typed_json): the
schema sent to the server is derived from the layer and the question's links, a typed-query answer
is compiled by the layer's one compiler and answers right, SQL beside it still runs, and an
unusable typed query (unknown metric, a key that was not linked) falls back to the parser's
reading, or says so. Against the Ollama and OpenAI stand-ins (tests/*_standin.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ai.semantic.layer import load_layer
from ai.semantic.query import Filters, TypedQuery
from ai.semantic.typed_json import Allowed, answer_schema, query_json, read_answer
from tests import ollama_standin, openai_standin
from tests.ai.semantic_warehouse import build_semantic_warehouse

SENNA_AT_MONACO = "How many races did Senna win at Monaco?"


def typed(metrics: list[str], group_by: list[str], shape: str, **filters: Any) -> str:
    query = {
        "metrics": metrics,
        "group_by": group_by,
        "per": [],
        "filters": {"seasons": None, "session_codes": [], **filters},
        "order": "best",
        "limit": None,
        "shape": shape,
        "without": [],
    }
    return json.dumps({"query": query, "sql": None})


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typed-root")
    build_semantic_warehouse(root / "warehouse" / "f1.duckdb")
    return root


@pytest.fixture
def openai_url() -> Iterator[str]:
    openai_standin.OpenAIStandIn.reset()
    with openai_standin.serve() as url:
        yield url
    openai_standin.OpenAIStandIn.reset()


def schema_sent(chat: dict[str, Any]) -> dict[str, Any]:
    form = chat["response_format"]
    return form["json_schema"]["schema"] if "json_schema" in form else form["schema"]


def test_a_typed_query_answer_compiles_and_answers_right(root: Path, client_for, openai_url: str):  # type: ignore[no-untyped-def]
    stand_in = openai_standin.OpenAIStandIn
    client = client_for(root, llm_provider="openai", llm_base_url=openai_url)
    stand_in.replies[:] = [typed(["wins"], ["driver"], "row")]
    body = client.post("/ask", json={"question": "Who won the most races ever?"}).json()
    assert body["source"] == "llm", body
    assert body["rows"] == [["Max Verstappen", 4]]
    assert any(n.startswith("the model's typed query") for n in body["notes"])
    chat = stand_in.chats[-1]
    schema = schema_sent(chat)
    query = schema["properties"]["query"]["anyOf"][0]
    assert "wins" in query["properties"]["metrics"]["items"]["enum"]
    assert set(query["properties"]["group_by"]["items"]["enum"]) >= {"driver", "constructor"}
    system = chat["messages"][0]["content"]
    assert "typed query" in system and "## The parser's reading" in system
    assert '"metrics": ["wins"]' in system  # the parser's reading as the hint

    stand_in.replies[:] = [typed(["wins"], [], "value", drivers=["senna"], countries=["Monaco"])]
    body = client.post("/ask", json={"question": SENNA_AT_MONACO}).json()
    assert body["source"] == "llm" and body["rows"] == [[2]], body
    filters = schema_sent(stand_in.chats[-1])["properties"]["query"]["anyOf"][0]["properties"]
    linked = filters["filters"]["properties"]
    assert linked["drivers"]["items"]["enum"] == ["senna"]  # only the linked keys may be named


def test_sql_beside_the_typed_query_still_runs(root: Path, client_for, openai_url: str) -> None:  # type: ignore[no-untyped-def]
    sql = "select count(*) as n from gold.fct_results where is_winner and driver_ref = 'senna'"
    openai_standin.OpenAIStandIn.replies[:] = [json.dumps({"query": None, "sql": sql})]
    client = client_for(root, llm_provider="openai", llm_base_url=openai_url)
    body = client.post("/ask", json={"question": "How many wins did Senna get?"}).json()
    assert body["source"] == "llm" and body["rows"] == [[3]], body


def test_an_invalid_typed_query_falls_back_or_says_so(root: Path, client_for, openai_url: str):  # type: ignore[no-untyped-def]
    stand_in = openai_standin.OpenAIStandIn
    client = client_for(root, llm_provider="openai", llm_base_url=openai_url)
    stand_in.replies[:] = [typed(["winz"], [], "value")] * 2 + [
        typed(["wins"], [], "value", drivers=["prost"])
    ]
    body = client.post("/ask", json={"question": SENNA_AT_MONACO})
    assert body.status_code == 200, body.text
    assert body.json()["source"] == "library" and body.json()["rows"] == [[2]]
    assert any("unusable" in n for n in body.json()["notes"])
    repairs = [c["messages"][-1]["content"] for c in stand_in.chats[-2:]]
    assert "unknown metric: winz" in repairs[0]
    stand_in.replies[:] = [typed(["winz"], [], "value")] * 3
    typed_only = client_for(
        root, llm_provider="openai", llm_base_url=openai_url, copilot_model_output="typed"
    )
    said = typed_only.post("/ask", json={"question": "zzz qqq"})  # the parser reads nothing
    assert said.status_code == 400, said.text
    assert said.json()["error"] == "model_output_invalid"
    assert "no usable typed query or SQL" in said.json()["message"]


def test_ollama_gets_the_typed_schema_as_its_format(root: Path, client_for) -> None:  # type: ignore[no-untyped-def]
    stand_in = ollama_standin.StandIn
    stand_in.reset()
    with ollama_standin.serve() as url:
        stand_in.replies[:] = [typed(["podiums"], ["driver"], "list")]
        client = client_for(root, ollama_host=url, ollama_model=ollama_standin.MODEL)
        body = client.post("/ask", json={"question": "Who has the most podiums?"}).json()
        fmt = stand_in.chats[-1]["format"]
    stand_in.reset()
    assert body["source"] == "llm", body
    assert body["rows"][0][0] == "Max Verstappen"  # 4 wins and a second place
    assert set(fmt["properties"]) == {"query", "sql"}
    assert (
        "podiums"
        in fmt["properties"]["query"]["anyOf"][0]["properties"]["metrics"]["items"]["enum"]
    )


def test_read_answer_checks_every_name() -> None:
    layer = load_layer()
    allowed = Allowed(("wins", "podiums"), {"drivers": ("senna",)}, (1950, 2026), (3,))
    schema = answer_schema(layer, allowed)
    assert schema["required"] == ["query", "sql"]
    query = TypedQuery(("wins",), ("driver",), filters=Filters(drivers=("senna",), rounds=(3,)))
    assert (
        read_answer(json.dumps({"query": query_json(query), "sql": None}), layer, allowed) == query
    )
    for bad, reason in (
        (typed(["winz"], [], "value"), "unknown metric"),
        (typed(["wins"], [], "value", drivers=["prost"]), "not linked"),
        (typed(["wins"], ["pilot"], "value"), "unknown entity"),
        (typed(["wins"], [], "value", seasons=[1900, 1901]), "outside"),
        ('{"query": null, "sql": null}', "neither"),
        ("not json", "not JSON"),
    ):
        with pytest.raises(ValueError, match=reason):
            read_answer(bad, layer, allowed)
    assert read_answer('{"query": null, "sql": "select 1"}', layer, allowed) == "select 1"
