"""The README's main job, natively, on the real data: `make demo F1_CACHE_FROM=<real cache>`.

init the data root -> ingest every session of ../shared/data/fastf1-cache/full offline (the
README's command) -> scripts/check_gold.sh (= make verify-gold) -> serve the copilot (library
mode: Ollama points at a closed port) and the dashboard on free loopback ports -> a correct
answer over HTTP.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import require_shared_cache
from tests.ops.ops_support import REPO_ROOT, free_port

# The fixture ingests every real session and builds the warehouse twice on a shared 2-core box.
pytestmark = [pytest.mark.slow, pytest.mark.realdata, pytest.mark.timeout(2400)]

QUESTION = "Who won the 2024 Spanish Grand Prix?"
# Fast-F1's own answer, from a private copy of the same cache (never Fast-F1 on ../shared).
FASTF1_WINNER = """
import shutil, sys, tempfile, fastf1
from pathlib import Path
from ingestion.loader import use_fastf1_cache
tmp = tempfile.mkdtemp()
shutil.copy(sys.argv[1], tmp)
use_fastf1_cache(Path(tmp), offline=True)
session = fastf1.get_session(2024, "Spanish Grand Prix", "R")
session.load(laps=False, telemetry=False, weather=False, messages=False)
results = session.results.sort_values("Position")
print(results.iloc[0]["Abbreviation"], results.iloc[0]["LastName"])
shutil.rmtree(tmp)
"""


def processes_using(marker: str) -> list[int]:
    """PIDs whose environment holds our unique data root: exactly the processes this test began."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def stop(process: subprocess.Popen[bytes], marker: str) -> None:
    """Ctrl-C the way a user would (SIGINT to make's process group), then make sure nothing is
    left running."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    for _ in range(60):
        if not processes_using(marker):
            return
        time.sleep(0.5)
    for pid in processes_using(marker):
        os.kill(pid, signal.SIGKILL)
    pytest.fail("serve.sh left services running after Ctrl-C")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    cache = require_shared_cache("full")
    root = tmp_path_factory.mktemp("e2e") / "f1-data"
    log_path = root.parent / "demo.log"
    ports = {"COPILOT_PORT": free_port(), "DASHBOARD_PORT": free_port()}
    env = {
        **os.environ,
        "EXTERNAL_DATA_ROOT": str(root),
        "OLLAMA_HOST": f"http://127.0.0.1:{free_port()}",  # nothing listens: library mode
        **{key: str(port) for key, port in ports.items()},
    }
    env.pop("MAKEFLAGS", None)
    argv = ["make", "demo", f"F1_CACHE_FROM={cache}", f"EXTERNAL_DATA_ROOT={root}"]
    argv += [f"{key}={port}" for key, port in ports.items()]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv,
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # The job ends by printing the dashboard URL once both services answer.
        while process.poll() is None and "serve: dashboard" not in log_path.read_text():
            time.sleep(2)
        output = log_path.read_text()
        assert process.poll() is None, f"make demo exited {process.returncode}:\n{output[-5000:]}"
        yield {"root": root, "cache": cache, "output": output, **ports}
    finally:
        stop(process, str(root))
        shutil.rmtree(root / "cache", ignore_errors=True)


def test_demo_initialised_the_data_root_and_replayed_the_cache(demo: dict[str, Any]) -> None:
    root: Path = demo["root"]
    assert {p.name for p in root.iterdir()} >= {"bronze", "cache", "warehouse", "ollama", "logs"}
    assert "init_external: data root ready" in demo["output"]
    # --cache-from copied the cache in; the shared original is untouched.
    copied = root / "cache" / "fastf1_http_cache.sqlite"
    assert copied.is_file()
    assert (demo["cache"] / "fastf1_http_cache.sqlite").stat().st_size <= copied.stat().st_size
    seasons = {p.name for p in (root / "bronze" / "results").iterdir()}
    assert {"season=2018", "season=2024"} <= seasons


def test_demo_verified_gold_and_served_the_warehouse(demo: dict[str, Any]) -> None:
    assert (demo["root"] / "warehouse" / "f1.duckdb").is_file()
    assert f"copilot API   http://127.0.0.1:{demo['COPILOT_PORT']}" in demo["output"]
    assert f"dashboard     http://127.0.0.1:{demo['DASHBOARD_PORT']}" in demo["output"]


def test_copilot_answers_over_http_with_fastf1s_winner(demo: dict[str, Any]) -> None:
    expected = subprocess.run(
        [sys.executable, "-c", FASTF1_WINNER, str(demo["cache"] / "fastf1_http_cache.sqlite")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    ).stdout.split()
    assert expected[0] == "VER"
    response = httpx.post(
        f"http://127.0.0.1:{demo['COPILOT_PORT']}/ask", json={"question": QUESTION}, timeout=120
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["source"] == "library"
    assert answer["row_count"] >= 1
    first_row = json.dumps(answer["rows"][0])
    assert expected[0] in first_row or expected[1] in first_row, answer


def test_dashboard_is_healthy(demo: dict[str, Any]) -> None:
    base = f"http://127.0.0.1:{demo['DASHBOARD_PORT']}"
    health = httpx.get(f"{base}/_stcore/health", timeout=30)
    assert (health.status_code, health.text) == (200, "ok")
    assert httpx.get(base, timeout=30).status_code == 200


def test_demo_console_is_short_plain_and_ends_with_the_two_urls(demo: dict[str, Any]) -> None:
    """What a new user reads when the console is piped (as here, into a log file): progress
    while the cache is replayed, no ANSI codes, at most 60 lines, the two URLs last."""
    output: str = demo["output"]
    assert "\x1b[" not in output, "ANSI escape codes in a piped console"
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) <= 60, "\n".join(lines)
    assert lines[-2].startswith(f"serve: copilot API   http://127.0.0.1:{demo['COPILOT_PORT']}")
    assert lines[-1] == f"serve: dashboard     http://127.0.0.1:{demo['DASHBOARD_PORT']}"
    start = next(i for i, line in enumerate(lines) if line.startswith("demo: replaying"))
    end = next(i for i, line in enumerate(lines) if line.startswith("ingestion: "))
    progress = [line for line in lines[start:end] if line.startswith("progress: ")]
    assert progress, "no progress line while the whole cache was replayed"
