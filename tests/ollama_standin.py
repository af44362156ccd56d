"""A stand-in for Ollama: a small HTTP server speaking the parts of Ollama's API the copilot uses
(`GET /api/tags`, `GET /api/version`, `POST /api/chat`), so tests exercise the real `ollama`
client over HTTP.

The reply to a chat is scripted: `StandIn.replies` is a queue of assistant contents (a reply is
a JSON string `{"sql": …, "chart": …}` or any raw text); when it is empty, the SQL of the first
`StandIn.answers` key found in the chat's user messages is answered, else `StandIn.default_sql`.
Every chat request received is kept in `StandIn.chats`.

In tests: `with serve() as url: …`. As a process (the compose stand-in for the `ollama`
service): `python tests/ollama_standin.py --host 0.0.0.0 --port 11434 --sql "select …"`.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

MODEL = "llama3.2:3b"
DEFAULT_SQL = "select driver_code from gold.dim_drivers order by driver_code"


class StandIn(BaseHTTPRequestHandler):
    chats: ClassVar[list[dict[str, Any]]] = []
    replies: ClassVar[list[str]] = []
    answers: ClassVar[dict[str, str]] = {}  # text in the question -> SQL
    default_sql: ClassVar[str] = DEFAULT_SQL
    model: ClassVar[str] = MODEL
    delay_s: ClassVar[float] = 0.0

    @classmethod
    def reset(cls) -> None:
        cls.chats, cls.replies, cls.answers = [], [], {}
        cls.default_sql, cls.model, cls.delay_s = DEFAULT_SQL, MODEL, 0.0

    @classmethod
    def sql_for(cls, chat: dict[str, Any]) -> str:
        asked = " ".join(
            str(m.get("content", "")) for m in chat.get("messages", []) if m.get("role") == "user"
        )
        return next((sql for text, sql in cls.answers.items() if text in asked), cls.default_sql)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def reply(self, payload: dict[str, Any], status: int = 200) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.startswith("/api/version"):
            self.reply({"version": "0.0.0-standin"})
        elif self.path.startswith("/api/tags") or self.path == "/":
            self.reply({"models": [{"model": self.model, "name": self.model}]})
        else:
            self.reply({"error": "not found"}, 404)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if not self.path.startswith("/api/chat"):
            self.reply({"error": "not found"}, 404)
            return
        StandIn.chats.append(body)
        time.sleep(StandIn.delay_s)
        if StandIn.replies:
            content = StandIn.replies.pop(0)
        else:
            content = json.dumps({"sql": StandIn.sql_for(body), "chart": {"type": "table"}})
        self.reply(
            {
                "model": body.get("model", self.model),
                "created_at": "2026-01-01T00:00:00Z",
                "message": {"role": "assistant", "content": content},
                "done": True,
            }
        )


@contextmanager
def serve(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run the stand-in on a thread; yields its base URL."""
    server = ThreadingHTTPServer((host, port), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11434)
    parser.add_argument("--sql", default=DEFAULT_SQL, help="SQL every chat is answered with")
    args = parser.parse_args()
    StandIn.default_sql = args.sql
    server = ThreadingHTTPServer((args.host, args.port), StandIn)
    server.serve_forever()


if __name__ == "__main__":
    main()
