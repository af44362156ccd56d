"""The real Ollama client behind SqlModel, against a local stand-in Ollama HTTP server:
temperature 0, `format` = the {sql, chart} JSON schema, model listing for /health, and a slow
server falling back to the library."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ai.llm import ANSWER_SCHEMA, OllamaModel
from tests.ollama_standin import DEFAULT_SQL, StandIn, serve

SQL = DEFAULT_SQL


@pytest.fixture
def fake_ollama() -> Iterator[str]:
    StandIn.reset()
    with serve() as url:
        yield url


def test_chat_uses_temperature_zero_and_the_answer_schema(fake_ollama: str) -> None:
    model = OllamaModel(fake_ollama, "llama3.2:3b", timeout_s=5)
    reply = model.complete([{"role": "user", "content": "drivers?"}])
    assert json.loads(reply)["sql"] == SQL
    sent = StandIn.chats[-1]
    assert sent["model"] == "llama3.2:3b"
    assert sent["options"]["temperature"] == 0
    assert sent["format"] == ANSWER_SCHEMA
    assert set(ANSWER_SCHEMA["properties"]) == {"sql", "chart"}


def test_health_sees_the_model_or_says_to_pull_it(fake_ollama: str) -> None:
    assert OllamaModel(fake_ollama, "llama3.2:3b", 5).health().model_present
    missing = OllamaModel(fake_ollama, "qwen2.5:7b", 5).health()
    assert missing.reachable and not missing.model_present
    assert "ollama pull qwen2.5:7b" in missing.detail


def test_ask_through_the_real_client(synthetic_root: Path, client_for, fake_ollama: str) -> None:
    client = client_for(synthetic_root, ollama_host=fake_ollama, ollama_model="llama3.2:3b")
    body = client.post("/ask", json={"question": "list the drivers"}).json()
    assert body["source"] == "llm"
    assert [r[0] for r in body["rows"]] == ["HAM", "LEC", "VER"]
    system = StandIn.chats[-1]["messages"][0]["content"]
    assert "CREATE TABLE gold.fct_results" in system
    assert "VER=Max Verstappen" in system and "2024: 01 Bahrain, 02 Saudi Arabian" in system
    assert StandIn.chats[-1]["options"]["num_ctx"] == 8192
    assert client.get("/health").json()["status"] == "ok"


def test_slow_ollama_falls_back_to_the_library(
    synthetic_root: Path, client_for, fake_ollama: str
) -> None:
    StandIn.delay_s = 2.0
    client = client_for(synthetic_root, ollama_host=fake_ollama, ollama_timeout_s=0.5)
    body = client.post("/ask", json={"question": "Who won the 2024 Bahrain Grand Prix?"}).json()
    assert body["source"] == "library"
    assert body["rows"][0][1] == "VER"
