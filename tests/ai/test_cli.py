"""`python -m ai serve` runs natively: it serves on loopback, and bad options exit 2 in one line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import REPO_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_help_and_bad_port() -> None:
    helped = subprocess.run(
        [sys.executable, "-m", "ai", "serve", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert helped.returncode == 0 and "--host" in helped.stdout and "--port" in helped.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "ai", "serve", "--port", "70000"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_serve_answers_on_loopback(synthetic_root: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "EXTERNAL_DATA_ROOT": str(synthetic_root),
        "OLLAMA_HOST": "http://127.0.0.1:9",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "ai", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                health = httpx.get(f"{base}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError("copilot did not start")
        assert health.json()["status"] == "degraded"  # no Ollama here
        answer = httpx.post(f"{base}/ask", json={"question": "Podium of Bahrain 2024"}, timeout=30)
        assert answer.status_code == 200
        assert [r[1] for r in answer.json()["rows"]] == ["VER", "LEC", "HAM"]
        assert httpx.get(f"{base}/docs", timeout=5).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
