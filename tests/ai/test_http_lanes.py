"""The lanes of the API (ai.concurrency, ai.model_health): questions run a few at a time with a
bounded queue, past which the answer is 503 `busy` with Retry-After at once; GET /health answers
fast while every question slot is taken, and a hanging model health check costs it the short
wait, not the check's own timeout."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ai.llm import Message, ModelHealth
from ai.main import create_app
from tests.ai.conftest import make_settings

GOOD = "select driver_code, driver_full_name from gold.dim_drivers order by driver_code"


@dataclass
class HeldModel:
    """A model whose answers wait for `release` and whose health check takes `health_s`."""

    release: threading.Event = field(default_factory=threading.Event)
    health_s: float = 0.0
    name: str = "held"
    calls: int = 0

    def complete(self, messages: Sequence[Message]) -> str:
        self.calls += 1
        self.release.wait(30)
        return json.dumps({"sql": GOOD})

    def health(self) -> ModelHealth:
        time.sleep(self.health_s)
        return ModelHealth(True, True, "ok")


def until(condition, timeout_s: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def busy_answers(client: TestClient) -> float:
    """copilot_answers_total{source="none",outcome="busy"} (process-wide, 0 before any)."""
    for line in client.get("/metrics").text.splitlines():
        if line.startswith('copilot_answers_total{outcome="busy",source="none"}'):
            return float(line.split()[-1])
    return 0.0


@pytest.fixture
def held(synthetic_root: Path) -> Iterator[tuple[TestClient, HeldModel]]:
    model = HeldModel()
    settings = make_settings(
        synthetic_root, copilot_max_concurrent_asks=1, copilot_max_queued_asks=1
    )
    with TestClient(create_app(settings, model)) as client:  # one event loop for all requests
        yield client, model
        model.release.set()


def test_past_the_queue_a_question_is_busy_at_once(held: tuple[TestClient, HeldModel]) -> None:
    client, model = held
    gate = client.app.state.gates.ask  # type: ignore[attr-defined]
    question = {"question": "drivers"}
    busy_before = busy_answers(client)
    with ThreadPoolExecutor(2) as pool:
        running = pool.submit(client.post, "/ask", json=question)
        until(lambda: model.calls == 1)
        queued = pool.submit(client.post, "/ask", json=question)
        until(lambda: client.portal.call(gate.admitted) == 2)  # type: ignore[union-attr]
        started = time.perf_counter()
        refused = client.post("/ask", json=question)
        refused_s = time.perf_counter() - started
        assert refused.status_code == 503 and refused.json()["error"] == "busy"
        assert refused.headers["retry-after"] == "2" and refused_s < 1.0
        started = time.perf_counter()
        health = client.get("/health")  # not behind the questions
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert time.perf_counter() - started < 1.0
        model.release.set()
        answers = [running.result(30), queued.result(30)]
    assert [a.status_code for a in answers] == [200, 200]
    assert all(a.json()["rows"][0] == ["HAM", "Lewis Hamilton"] for a in answers)
    assert client.post("/ask", json=question).status_code == 200  # the slots are free again
    assert busy_answers(client) == busy_before + 1


def test_errors_raised_in_the_lane_reach_their_handlers(synthetic_root: Path) -> None:
    model = HeldModel()
    model.release.set()
    with TestClient(create_app(make_settings(synthetic_root / "nowhere"), model)) as client:
        asked = client.post("/ask", json={"question": "drivers"})
        assert asked.status_code == 503 and asked.json()["error"] == "warehouse_missing"
        predicted = client.post("/predict", json={"season": 2024, "round": 1})
        assert predicted.status_code == 503 and predicted.json()["error"] == "model_missing"


def test_a_hanging_model_health_check_costs_health_the_short_wait(synthetic_root: Path) -> None:
    model = HeldModel(health_s=1.5)
    settings = make_settings(synthetic_root, copilot_health_wait_s=0.2, copilot_health_cache_s=60)
    with TestClient(create_app(settings, model)) as client:
        for _ in range(2):  # the first starts the check, the second finds it still running
            started = time.perf_counter()
            body = client.get("/health").json()
            assert time.perf_counter() - started < 1.0
            assert body["status"] == "degraded" and body["warehouse"]["ok"] is True
            assert body["ollama"]["ok"] is False
            assert "no answer from the model within 0.2 s" in body["ollama"]["detail"]
        time.sleep(1.6)  # the abandoned check finished: its answer is cached
        started = time.perf_counter()
        assert client.get("/health").json()["status"] == "ok"
        assert time.perf_counter() - started < 0.5
