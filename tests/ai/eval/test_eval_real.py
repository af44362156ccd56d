"""The evaluation set on the real warehouse (built from ../shared/data/fastf1-cache/all): library
accuracy >= 95 %, answers computed from Fast-F1 (offline temp copy) and the Ergast CSVs; the
prompt stays within its token budget for every question; clarifying and needs_llm answers
through the real API, with suggestions the library answers correctly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ai.library import QueryLibrary
from ai.models import AskRequest
from ai.prompt import budget_tokens, estimate_tokens, first_messages
from ai.schema_catalog import CatalogCache
from benchmarks.copilot_eval import TARGET, evaluate
from benchmarks.copilot_eval_seasons import all_items
from benchmarks.copilot_eval_truth import ERGAST, ErgastTruth, FastF1Truth
from tests.conftest import IN_CI, require_shared_cache

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def truths(tmp_path_factory: pytest.TempPathFactory) -> tuple[FastF1Truth, ErgastTruth]:
    if not (ERGAST / "races.csv").is_file():
        message = f"Ergast CSVs missing: {ERGAST}"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    cache = require_shared_cache("all")
    return FastF1Truth(cache, tmp_path_factory.mktemp("fastf1-truth")), ErgastTruth()


@pytest.fixture(scope="module")
def expected(truths: tuple[FastF1Truth, ErgastTruth]) -> list[tuple[Any, Any]]:
    fastf1, ergast = truths
    return [(item, item.truth(fastf1, ergast)) for item in all_items()]


def test_library_answers_at_least_95_percent_of_the_set(
    library_client: TestClient, expected: list[tuple[Any, Any]]
) -> None:
    assert len(expected) >= 200
    assert len({item.intent for item, _ in expected}) >= 25
    results = evaluate(library_client, expected)
    wrong = [f"{item.question}: {detail}" for item, ok, detail in results if not ok]
    assert 1 - len(wrong) / len(results) >= TARGET, "\n".join(wrong)


def test_prompt_fits_half_the_context_for_every_question(real_warehouse: Path) -> None:
    catalog = CatalogCache(real_warehouse, Path("/nonexistent")).get()
    library = QueryLibrary()
    for num_ctx in (8192, 4096):
        for item in all_items():
            request = AskRequest(question=item.question)
            understood = library.understand(request, catalog.dimensions, suggest=False)
            examples = library.examples(item.question, catalog.dimensions)
            messages = first_messages(catalog, request, examples, understood, num_ctx)
            used = sum(estimate_tokens(m["content"]) for m in messages)
            assert used <= budget_tokens(num_ctx), (num_ctx, item.question, used)
            if understood.match is not None and num_ctx == 8192:
                assert understood.match.sql in messages[0]["content"]


def test_clarifying_answer_lists_the_candidates(
    library_client: TestClient, truths: tuple[FastF1Truth, ErgastTruth]
) -> None:
    response = library_client.post("/ask", json={"question": "Who won in Italy in 2020?"})
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "ambiguous"
    places = truths[1].circuits_in(2020, "Italy")
    assert len(places) == 3 and all(p in body["message"] for p in places)
    assert len([n for n in body["notes"] if n.startswith("candidate: ")]) == 3


def test_needs_llm_suggestions_are_answered_correctly(
    library_client: TestClient, truths: tuple[FastF1Truth, ErgastTruth]
) -> None:
    fastf1, _ = truths
    response = library_client.post(
        "/ask", json={"question": "Which song played at Monaco 2024 after the race?"}
    )
    assert response.status_code == 422 and response.json()["error"] == "needs_llm"
    suggestions = [n.removeprefix("suggestion: ") for n in response.json()["notes"]]
    assert 1 <= len(suggestions) <= 3
    winner, podium = fastf1.at(2024, 8, "R", 1), fastf1.top(2024, 8, "R", 3)
    checked = 0
    for question in suggestions:
        answer = library_client.post("/ask", json={"question": question})
        assert answer.status_code == 200, question
        body = answer.json()
        if body["library_id"] not in ("race_winner", "podium"):
            continue
        codes = [row[body["columns"].index("driver_code")] for row in body["rows"]]
        if body["library_id"] == "race_winner":
            assert codes == [winner]
            checked += 1
        if body["library_id"] == "podium":
            assert codes == podium
            checked += 1
    assert checked >= 1
