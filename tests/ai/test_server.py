"""The real server of `python -m ai serve` (ai.server: uvicorn + TimedH11Protocol) on loopback:
half-sent requests are closed at the header timeout (trickling does not extend it), a withheld
body is a 408 then a close, a 64 MB upload is refused at the cap while it is being sent, and
ordinary keep-alive requests are served."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from http.client import HTTPConnection
from pathlib import Path

import pytest
import uvicorn

from ai.main import create_app
from ai.server import TimedH11Protocol, server_config
from tests.ai.conftest import make_settings
from tests.ai.scripted_model import ScriptedModel

TIMEOUT_S = 1.0  # header and body timeouts of the server under test
SLACK_S = 1.5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(root: Path) -> Iterator[int]:
    """The copilot served by ai.server on a thread; yields its port."""
    settings = make_settings(
        root,
        copilot_header_timeout_s=TIMEOUT_S,
        copilot_body_timeout_s=TIMEOUT_S,
        copilot_keep_alive_s=1,
    )
    app = create_app(settings, ScriptedModel(["select 1"]))
    port = free_port()
    config = server_config(app, "127.0.0.1", port, settings, log_config=None, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(15)
        app.state.copilot.sandbox.close()


@pytest.fixture
def port(synthetic_root: Path) -> Iterator[int]:
    with serving(synthetic_root) as served:
        yield served


def connect(port: int, data: bytes = b"") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if data:
        sock.sendall(data)
    return sock


def until_closed(sock: socket.socket, since: float) -> tuple[float, bytes]:
    """Seconds from `since` until the server closed the connection, and what it sent."""
    received = b""
    with sock:
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            except TimeoutError:
                raise AssertionError("the server kept the connection open") from None
            if not chunk:
                break
            received += chunk
    return time.monotonic() - since, received


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    """One HTTP/1.1 response with a Content-Length: (status, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return int(head.split(b" ")[1]), body


def test_serve_uses_the_timed_protocol(synthetic_root: Path) -> None:
    settings = make_settings(synthetic_root, copilot_header_timeout_s=7, copilot_keep_alive_s=3)
    config = server_config(object(), "127.0.0.1", 1, settings, log_config=None)
    assert issubclass(config.http, TimedH11Protocol)  # type: ignore[arg-type]
    assert config.http.header_timeout_s == 7  # type: ignore[union-attr]
    assert config.timeout_keep_alive == 3


def test_half_sent_requests_are_closed_at_the_header_timeout(port: int) -> None:
    start = time.monotonic()
    slow = {
        "silent": connect(port),
        "half a request line": connect(port, b"GET /hea"),
        "no blank line": connect(port, b"GET /health HTTP/1.1\r\nHost: x\r\n"),
        "withheld body": connect(
            port,
            b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 40\r\n\r\n{",
        ),
    }
    trickle = connect(port, b"GET /health HTTP/1.1\r\nX-Slow: ")
    with closing(HTTPConnection("127.0.0.1", port, timeout=5)) as meanwhile:  # others are served
        meanwhile.request("GET", "/health")
        assert meanwhile.getresponse().status == 200
    sent = 0
    try:
        while time.monotonic() - start < TIMEOUT_S + SLACK_S + 2:
            trickle.sendall(b"a")  # one byte every 0.1 s does not extend the deadline
            sent += 1
            time.sleep(0.1)
    except (BrokenPipeError, ConnectionResetError):
        pass
    trickled = time.monotonic() - start
    assert trickled < TIMEOUT_S + SLACK_S, f"a trickling client kept its connection {trickled} s"
    for name, sock in slow.items():
        elapsed, received = until_closed(sock, start)
        assert TIMEOUT_S - 0.2 < elapsed < TIMEOUT_S + SLACK_S, (name, elapsed)
        if name == "withheld body":
            head, body = received.split(b"\r\n\r\n", 1)
            assert head.startswith(b"HTTP/1.1 408 ") and b"connection: close" in head.lower()
            assert json.loads(body)["error"] == "request_timeout"
        else:
            assert received == b"", (name, received)


def test_keep_alive_serves_requests_and_times_out_a_half_sent_next_one(port: int) -> None:
    with closing(HTTPConnection("127.0.0.1", port, timeout=5)) as connection:
        for _ in range(3):
            connection.request("GET", "/health")
            response = connection.getresponse()
            assert response.status == 200 and json.loads(response.read())["model"] == "scripted"
    sock = connect(port, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert read_response(sock)[0] == 200
    answered = time.monotonic()
    sock.sendall(b"GET /health HTTP/1.1\r\n")  # the next request, never finished
    elapsed, received = until_closed(sock, answered)
    assert received == b"" and elapsed < TIMEOUT_S + SLACK_S


def test_a_declared_64_mb_body_is_refused_before_it_is_sent(port: int) -> None:
    start = time.monotonic()
    sock = connect(
        port,
        b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 67108864\r\n\r\n",
    )
    status, body = read_response(sock)
    assert status == 413 and json.loads(body)["error"] == "payload_too_large"
    elapsed, _ = until_closed(sock, start)
    assert elapsed < 1.0


def test_a_chunked_64_mb_upload_is_cut_while_it_is_sent(port: int) -> None:
    sock = connect(
        port,
        b"POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n",
    )
    sock.settimeout(5)  # a server that stopped reading without closing fails the test
    chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
    sent = 0
    with sock:
        try:
            while sent < 64 * 1024 * 1024:
                sock.sendall(chunk)
                sent += 0x10000
        except (BrokenPipeError, ConnectionResetError):
            pass
    assert sent < 16 * 1024 * 1024, f"the server took {sent} bytes of a refused body"
