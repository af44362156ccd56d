"""The copilot under bombs, as a real server: `uvicorn --factory ai.main:create_app` in its own
process, the Ollama stand-in returning bomb SQL. Measures the peak memory of the API process and
its sandbox workers (< 2 GiB) and that GET /health answers within 1 s while a bomb runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.ai.hostile_corpus import BOMBS
from tests.ai.hostile_corpus_guard import STOPPED
from tests.ai.processes import Sampler, free_port, status_bytes
from tests.ollama_standin import StandIn, serve

GIB = 1024**3
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(synthetic_root: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    StandIn.reset()
    with serve() as ollama:
        port = free_port()
        env = {
            **os.environ,
            "EXTERNAL_DATA_ROOT": str(synthetic_root),
            "OLLAMA_HOST": ollama,
            "COPILOT_QUERY_TIMEOUT_S": "2",
            "COPILOT_MAX_ROWS": "1000",
            "PYTHONPATH": str(REPO),
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "ai.main:create_app",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=REPO,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            yield url, process
        finally:
            process.terminate()
            process.wait(timeout=30)
            StandIn.reset()


@pytest.mark.timeout(600)
def test_bombs_keep_the_api_small_and_health_fast(server) -> None:  # type: ignore[no-untyped-def]
    url, process = server
    sampler = Sampler(process.pid, 0.02)
    sampler.start()
    outcomes: list[tuple[int, str]] = []
    running = threading.Event()

    def fire() -> None:
        with httpx.Client(base_url=url, timeout=120) as client:
            for sql in [*BOMBS, *STOPPED]:
                StandIn.replies[:] = [json.dumps({"sql": sql})] * 3
                running.set()
                response = client.post("/ask", json={"question": "bomb"})
                body = response.json()
                outcomes.append((response.status_code, body.get("error") or "answered"))

    bomber = threading.Thread(target=fire, daemon=True)
    bomber.start()
    running.wait(30)
    health_s: list[float] = []
    with httpx.Client(base_url=url, timeout=10) as client:
        while bomber.is_alive():
            started = time.perf_counter()
            assert client.get("/health").status_code == 200
            health_s.append(time.perf_counter() - started)
            time.sleep(0.1)
    bomber.join()
    sampler.stop.set()
    sampler.join()
    api_hwm = status_bytes(process.pid, "VmHWM")
    print(
        f"\n{len(outcomes)} bombs: {outcomes}\npeak RSS API+workers {sampler.peak / GIB:.2f} GiB, "
        f"API VmHWM {api_hwm / GIB:.2f} GiB, /health max {max(health_s):.3f} s over "
        f"{len(health_s)} probes"
    )
    assert len(outcomes) == len(BOMBS) + len(STOPPED)
    assert all(status in (200, 400) for status, _ in outcomes), outcomes
    assert sum(code in ("timeout", "resource_limit") for _, code in outcomes) >= len(BOMBS)
    assert sampler.peak < 2 * GIB and api_hwm < 2 * GIB
    assert len(health_s) >= 5 and max(health_s) < 1.0
