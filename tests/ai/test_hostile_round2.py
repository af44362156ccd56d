"""Hostile corpus, round 2 (tests/ai/hostile_corpus_round2.py), as a model's replies sent by the
Ollama stand-in through the real `ollama` client and the real /ask HTTP path. Every case is
refused or stopped with a 4xx, never a 5xx; no answer, refusal or error text shows an internal
object (the synthetic warehouse's `lake` canaries), DuckDB's suggestions or the warehouse's path
(the names the model itself wrote aside: a refusal may quote them, equally whether they exist);
and right after every case a benign question answers right, so no case poisons the sandbox."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ai.main import create_app
from tests.ai.conftest import make_settings
from tests.ai.hostile_corpus_round2 import NESTED_ANSWERS, ROUND2
from tests.ollama_standin import StandIn, serve

BENIGN = "SELECT count(*) AS n FROM gold.dim_drivers"
LEAKS = (
    *("CANARY_INTERNAL", "bronze_files", "model_lineage", "Did you mean", "Candidate"),
    *("duckdb_tables", "information_schema", "Stack Trace"),
)
REFUSED = {"rejected", "query_failed"}
STOPPED = {"rejected", "timeout", "resource_limit"}
ALLOWED = {
    **dict.fromkeys(("fold", "oracle", "byname", "sizes"), REFUSED),
    "budget": STOPPED | {"cut", "query_failed"},
    "crash": REFUSED | {"answered", "cut"},
}


@pytest.fixture(scope="module")
def client(synthetic_root: Path) -> Iterator[TestClient]:
    StandIn.reset()
    with serve() as url:
        settings = make_settings(synthetic_root, ollama_host=url, copilot_query_timeout_s=1.0)
        with TestClient(create_app(settings)) as test_client:
            yield test_client
    StandIn.reset()


def ask(client: TestClient, sql: str, question: str) -> tuple[int, dict, str]:
    StandIn.replies[:] = [json.dumps({"sql": sql, "chart": {"type": "table"}})] * 3
    response = client.post("/ask", json={"question": question})
    StandIn.replies.clear()
    return response.status_code, response.json(), response.text


def outcome(status: int, body: dict) -> str:
    if status == 200:
        return "cut" if body["truncated"] or body["values_truncated"] else "answered"
    return str(body["error"])


def test_round2_corpus_covers_every_class() -> None:
    counts = Counter(category for category, _ in ROUND2)
    assert set(counts) == set(ALLOWED) and min(counts.values()) >= 3, counts
    assert sum(counts.values()) >= 80


@pytest.mark.timeout(900)
def test_every_case_is_refused_or_stopped_and_the_sandbox_stays_healthy(
    client: TestClient, synthetic_root: Path
) -> None:
    warehouse = str(synthetic_root / "warehouse" / "f1.duckdb")
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    for category, sql in ROUND2:
        started = time.perf_counter()
        status, body, text = ask(client, sql, f"round two {category} case")
        slowest = max(slowest, time.perf_counter() - started)
        assert status < 500, (category, sql[:200], body)
        shown = json.dumps({k: v for k, v in body.items() if k not in ("sql", "question")})
        leaked = [leak for leak in LEAKS if leak in shown and leak not in sql]
        assert warehouse not in text and not leaked, (sql, leaked, shown)
        result = outcome(status, body)
        assert result in ALLOWED[category], (category, sql[:200], body)
        outcomes[f"{category}:{result}"] += 1
        status, body, _ = ask(client, BENIGN, "how many drivers are there")
        assert status == 200 and body["rows"] == [[3]], (category, sql[:200], body)
    print(f"\nround 2 outcomes: {dict(sorted(outcomes.items()))}; slowest case {slowest:.1f} s")
    # a validation bomb is stopped at the query timeout (+ the kill grace), not after its own 15 s
    # (the margin is for a loaded CI host running two test workers)
    assert slowest < 15


def test_nested_values_in_a_reviewed_answer_never_fail_it(client: TestClient) -> None:
    """The library also answers this question, so each model answer is reviewed against the
    parser's; first rows holding lists, structs and maps are compared, never a crash."""
    for sql in NESTED_ANSWERS:
        status, body, _ = ask(client, sql, "Who won the 2024 Bahrain Grand Prix?")
        assert status == 200 and body["source"] == "llm", (sql, body)


def test_a_worker_whose_database_was_invalidated_is_replaced(synthetic_root: Path) -> None:
    """A query that makes DuckDB invalidate the worker's database (a reservoir of 2e9 rows,
    run here without ai.validation, which refuses it) costs that one answer only."""
    from ai.sandbox import QueryFailedError, QueryLimitError, Sandbox

    box = Sandbox(synthetic_root / "warehouse" / "f1.duckdb", timeout_s=2.0, workers=1)
    try:
        assert box.run(BENIGN).rows == [[3]]
        (before,) = box.worker_pids()
        with pytest.raises((QueryLimitError, QueryFailedError)):
            box.run("SELECT reservoir_quantile(lap_time_ms, 0.5, 2000000000) FROM gold.fct_laps")
        assert box.run(BENIGN).rows == [[3]]
        assert box.worker_pids() != [before] and box.kills == 1
    finally:
        box.close()
