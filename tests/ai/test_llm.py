"""The real Ollama client behind SqlModel, against a local stand-in Ollama HTTP server:
temperature 0, `format` = the {sql, chart} JSON schema, model listing for /health, and a slow
server falling back to the library."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from ai.llm import ANSWER_SCHEMA, OllamaModel

SQL = "select driver_code from gold.dim_drivers order by driver_code"


class FakeOllama(BaseHTTPRequestHandler):
    chats: ClassVar[list[dict[str, Any]]] = []
    delay_s = 0.0

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def reply(self, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self.reply({"models": [{"model": "llama3.2:3b", "name": "llama3.2:3b"}]})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeOllama.chats.append(body)
        time.sleep(FakeOllama.delay_s)
        content = json.dumps({"sql": SQL, "chart": {"type": "table"}})
        self.reply(
            {
                "model": body["model"],
                "created_at": "2026-01-01T00:00:00Z",
                "message": {"role": "assistant", "content": content},
                "done": True,
            }
        )


@pytest.fixture
def fake_ollama() -> Iterator[str]:
    FakeOllama.chats, FakeOllama.delay_s = [], 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOllama)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_chat_uses_temperature_zero_and_the_answer_schema(fake_ollama: str) -> None:
    model = OllamaModel(fake_ollama, "llama3.2:3b", timeout_s=5)
    reply = model.complete([{"role": "user", "content": "drivers?"}])
    assert json.loads(reply)["sql"] == SQL
    sent = FakeOllama.chats[-1]
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
    system = FakeOllama.chats[-1]["messages"][0]["content"]
    assert "CREATE TABLE gold.fct_results" in system
    assert "VER=Max Verstappen" in system and "2024: 01 Bahrain, 02 Saudi Arabian" in system
    assert FakeOllama.chats[-1]["options"]["num_ctx"] == 8192
    assert client.get("/health").json()["status"] == "ok"


def test_slow_ollama_falls_back_to_the_library(
    synthetic_root: Path, client_for, fake_ollama: str
) -> None:
    FakeOllama.delay_s = 2.0
    client = client_for(synthetic_root, ollama_host=fake_ollama, ollama_timeout_s=0.5)
    body = client.post("/ask", json={"question": "Who won the 2024 Bahrain Grand Prix?"}).json()
    assert body["source"] == "library"
    assert body["rows"][0][1] == "VER"
