"""A stand-in for an OpenAI-compatible chat server (`GET /v1/models`, `POST /v1/chat/completions`)
whose replies are scripted, for the failure paths a real model cannot be made to show on demand:
garbage answers and a model that hangs. The real path is tested against llama.cpp's server
(tests/ai/test_llm_server.py).

In tests: `with serve() as url: ...`; `OpenAIStandIn.replies` is a queue of assistant contents
(empty: `default`), `OpenAIStandIn.delay_s` delays every chat answer."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

MODEL = "standin-model"


class OpenAIStandIn(BaseHTTPRequestHandler):
    chats: ClassVar[list[dict[str, Any]]] = []
    replies: ClassVar[list[str]] = []
    default: ClassVar[str] = '{"sql": "select driver_code from gold.dim_drivers"}'
    delay_s: ClassVar[float] = 0.0

    @classmethod
    def reset(cls) -> None:
        cls.chats, cls.replies = [], []
        cls.default = '{"sql": "select driver_code from gold.dim_drivers"}'
        cls.delay_s = 0.0

    def log_message(self, *args: object) -> None:
        return

    def reply(self, payload: dict[str, Any], status: int = 200) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            self.reply({"object": "list", "data": [{"id": MODEL, "object": "model"}]})
        else:
            self.reply({"error": {"message": "not found"}}, 404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path.rstrip("/") != "/v1/chat/completions":
            self.reply({"error": {"message": "not found"}}, 404)
            return
        OpenAIStandIn.chats.append(body)
        time.sleep(OpenAIStandIn.delay_s)
        content = OpenAIStandIn.replies.pop(0) if OpenAIStandIn.replies else self.default
        message = {"role": "assistant", "content": content}
        choice = {"index": 0, "message": message, "finish_reason": "stop"}
        self.reply({"object": "chat.completion", "model": body.get("model"), "choices": [choice]})


@contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[str]:
    """Run the stand-in on a thread; yields its base URL (without /v1)."""
    server = ThreadingHTTPServer((host, 0), OpenAIStandIn)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
