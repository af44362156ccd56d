"""The model gets the parser's help (resolved entities and the builder's SQL in the prompt), its
SQL is still validated, and a model answer that disagrees with the parser's is logged for
review; the prompt is linked to the question and stays within half the context window."""

from __future__ import annotations

import json
from pathlib import Path

from ai.library import QueryLibrary
from ai.models import AskRequest
from ai.prompt import budget_tokens, estimate_tokens, first_messages
from ai.schema_catalog import load_catalog
from tests.ai.scripted_model import ScriptedModel

QUESTION = "Who won the 2024 Bahrain Grand Prix?"


def review_lines(root: Path) -> list[dict]:
    path = root / "logs" / "copilot" / "disagreements.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_prompt_carries_the_parsers_entities_and_sql(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel(
        [
            "select driver_code from gold.fct_results where session_id = '2024-01-R' "
            "and finish_position = 1"
        ]
    )
    body = client_for(synthetic_root, model=model).post("/ask", json={"question": QUESTION}).json()
    assert body["source"] == "llm" and body["rows"] == [["VER"]]
    system = model.prompts[0][0]["content"]
    assert "event: Bahrain Grand Prix (event_id 2024-01)" in system
    assert "intent: position n=1" in system
    assert "where session_id = '2024-01-R' and finish_position = 1" in system  # the parser's SQL
    assert "gold.fct_laps" not in system  # only the tables the question needs


def test_model_sql_is_still_validated(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel(["drop table gold.fct_results"])
    body = client_for(synthetic_root, model=model).post("/ask", json={"question": QUESTION}).json()
    assert body["source"] == "library" and body["rows"][0][1] == "VER"
    assert any("model SQL unusable (rejected)" in n for n in body["notes"])


def test_disagreement_between_model_and_parser_is_logged(synthetic_root: Path, client_for) -> None:
    before = len(review_lines(synthetic_root))
    agreeing = ScriptedModel(
        [
            "select finish_position, driver_code from gold.fct_results "
            "where session_id = '2024-01-R' order by finish_position"
        ]
    )
    client_for(synthetic_root, model=agreeing).post("/ask", json={"question": QUESTION})
    assert len(review_lines(synthetic_root)) == before
    wrong = ScriptedModel(
        [
            "select finish_position, driver_code from gold.fct_results "
            "where session_id = '2024-01-R' and finish_position = 3"
        ]
    )
    body = client_for(synthetic_root, model=wrong).post("/ask", json={"question": QUESTION}).json()
    assert body["source"] == "llm" and body["rows"] == [[3, "HAM"]]
    lines = review_lines(synthetic_root)
    assert len(lines) == before + 1
    assert lines[-1]["question"] == QUESTION and lines[-1]["library_id"] == "race_winner"
    assert lines[-1]["model_first_row"] == [[3, "HAM"]]


def test_prompt_budget_on_the_synthetic_schema(synthetic_root: Path) -> None:
    catalog = load_catalog(synthetic_root / "warehouse" / "f1.duckdb", Path("/nonexistent"))
    library = QueryLibrary()
    for question in (QUESTION, "list every lap of everyone ever", "hello", "x" * 900):
        request = AskRequest(question=question)
        understood = library.understand(request, catalog.dimensions)
        examples = library.examples(question, catalog.dimensions)
        for num_ctx in (2048, 4096, 8192):
            messages = first_messages(catalog, request, examples, understood, num_ctx)
            used = sum(estimate_tokens(m["content"]) for m in messages)
            assert used <= budget_tokens(num_ctx), (question, num_ctx, used)
            assert messages[0]["content"].startswith("You translate questions")  # rules first
