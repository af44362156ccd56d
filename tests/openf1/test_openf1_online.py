"""The online path against a local HTTP server replaying the recorded responses (never the
internet): OpenF1's 429 and a server error are retried, every response is cached on the data
root so a re-run makes no call, and a failure that persists fails only its session."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from ingestion.openf1.client import RateLimiter
from tests.conftest import require_openf1_dump, run_cli
from tests.openf1.support import ROUND, SEASON, bronze_counts, recorded, root_with_schedule

pytestmark = pytest.mark.realdata
ONLINE = ["-m", "ingestion", "openf1", "--season", str(SEASON), "--rounds", str(ROUND)]


class Recording(ThreadingHTTPServer):
    """Answers /v1/<endpoint>?k=v like OpenF1 from the recorded files; `script` gives the
    status codes to answer first, per endpoint (then the data)."""

    def __init__(self, dump: Path, script: dict[str, list[int]]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.dump, self.script, self.requests = dump, script, []  # type: list[str]

    def answer(self, path: str) -> tuple[int, Any]:
        url = urllib.parse.urlsplit(path)
        endpoint = url.path.removeprefix("/v1/")
        self.requests.append(endpoint)
        if self.script.get(endpoint):
            return self.script[endpoint].pop(0), {"detail": "scripted"}
        query = dict(urllib.parse.parse_qsl(url.query))
        rows = [
            row
            for row in recorded(self.dump, endpoint)
            if all(str(row.get(k)) == v for k, v in query.items())
        ]
        return (200, rows) if rows else (404, {"detail": "No results found."})


class Handler(BaseHTTPRequestHandler):
    server: Recording

    def do_GET(self) -> None:
        status, body = self.server.answer(self.path)
        payload = json.dumps(body).encode()
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


def serve(dump: Path, script: dict[str, list[int]]) -> Iterator[Recording]:
    server = Recording(dump, script)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def flaky_server() -> Iterator[Recording]:
    yield from serve(require_openf1_dump(), {"laps": [429, 429], "position": [503]})


def env(server: Recording) -> dict[str, str]:
    host, port = server.server_address[:2]
    return {
        "OPENF1_BASE_URL": f"http://{host!s}:{port}/v1",
        "OPENF1_BACKOFF_SECONDS": "0.01",
        "OPENF1_CALLS_PER_SECOND": "1000",  # the limiter itself: test_..._keeps_under_...
    }


def test_online_run_retries_caches_and_reruns_without_calls(
    flaky_server: Recording, real_data_root: Path, tmp_path: Path
) -> None:
    dump = require_openf1_dump()
    root = root_with_schedule(real_data_root, tmp_path / "root")
    first = run_cli([*ONLINE, "--sessions", "R"], root, **env(flaky_server))
    assert first.returncode == 0, first.stdout + first.stderr
    assert flaky_server.requests.count("laps") == 3  # two 429s, then the data
    assert flaky_server.requests.count("position") == 2  # one 503, then the data
    counts = bronze_counts(root)
    for endpoint in ("laps", "pit", "position", "overtakes", "drivers"):
        assert counts[endpoint] == len(recorded(dump, endpoint)), endpoint
    assert (root / "cache" / "openf1" / "laps").is_dir()

    made = len(flaky_server.requests)
    again = run_cli([*ONLINE, "--sessions", "R"], root, **env(flaky_server))
    forced = run_cli([*ONLINE, "--sessions", "R", "--force"], root, **env(flaky_server))
    assert again.returncode == forced.returncode == 0, again.stderr + forced.stderr
    assert len(flaky_server.requests) == made  # manifest, then the response cache: no call
    assert bronze_counts(root) == counts


def test_a_server_that_keeps_failing_fails_the_session_and_the_next_run_retries(
    real_data_root: Path, tmp_path: Path
) -> None:
    dump = require_openf1_dump()
    root = root_with_schedule(real_data_root, tmp_path / "root")
    for server in serve(dump, {"laps": [500] * 5}):
        failed = run_cli([*ONLINE, "--sessions", "R"], root, **env(server))
        assert failed.returncode == 1 and "2024-18-R failed" in failed.stderr, failed.stderr
        assert not (root / "bronze" / "openf1" / "laps").exists()
        entry = root / "bronze/openf1/_manifest/season=2024/round=18/session=R/part-0.parquet"
        assert pq.read_table(entry).column("status").to_pylist() == ["failed"]
        retried = run_cli([*ONLINE, "--sessions", "R"], root, **env(server))
        assert retried.returncode == 0, retried.stderr
        assert bronze_counts(root)["laps"] == len(recorded(dump, "laps"))
    fresh = root_with_schedule(real_data_root, tmp_path / "fresh")  # no cached listing
    for server in serve(dump, {"sessions": [429] * 5}):
        limited = run_cli([*ONLINE, "--sessions", "R"], fresh, **env(server))
        assert limited.returncode == 3 and "rate limit" in limited.stderr, limited.stderr
        assert limited.stderr.count("\n") == 1 and not (fresh / "bronze" / "openf1").exists()


def test_the_client_keeps_under_openf1s_limits() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(((3, 1.0), (30, 60.0)), clock=lambda: now[0], sleep=sleep)
    for _ in range(31):
        limiter.wait()
    assert now[0] >= 60.0  # the 31st call waited for the minute's window
    assert sum(1 for w in waits if w > 0) >= 10  # 3 a second
