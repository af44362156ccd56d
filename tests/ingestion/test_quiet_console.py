"""Fast-F1's log records go to <root>/logs/ingestion/<run>.log, counted per session in the
summary and the manifest; the console shows the progress bar and the summary only. Its request
errors never print tracebacks: a lost connection stops the run with one line (exit 4)."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import duckdb
import fastf1
import pytest
import requests
from typer.testing import CliRunner

from ingestion.__main__ import app
from tests.conftest import seed_cache
from tests.ingestion.fastf1_reference import fastf1_warnings

pytestmark = pytest.mark.realdata

ARGS = ["run", "--season", "2024", "--rounds", "1-3", "--sessions", "R", "--offline"]
INJECTED = "Failed to load extra data (injected)"
REAL_LOAD = fastf1.core.Session.load


@pytest.fixture
def small_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data root with the small olsonlin cache (four 2024 races, ~0.1 s each), in use."""
    seed_cache(tmp_path, "olsonlin1996-2024-races")
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(tmp_path))
    return tmp_path


def manifest(root: Path) -> dict[int, tuple[str, int]]:
    rows = duckdb.connect().execute(
        f"""select round::int, status, fastf1_warnings
            from read_parquet('{root}/bronze/_manifest/**/*.parquet', hive_partitioning=true)"""
    )
    return {rnd: (status, warnings) for rnd, status, warnings in rows.fetchall()}


def log_text(root: Path) -> str:
    logs = sorted((root / "logs" / "ingestion").glob("*.log"))
    assert len(logs) == 1, logs
    return logs[0].read_text()


def test_fastf1_warnings_and_tracebacks_go_to_the_log_file(
    small_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected: dict[int, int] = {}

    def noisy(session: fastf1.core.Session, *args: object, **kwargs: object) -> None:
        with fastf1_warnings() as found:  # Fast-F1's own warnings, counted independently
            log = logging.getLogger("fastf1.core")
            for _ in range(3):
                log.warning(INJECTED)
            try:
                raise requests.ConnectionError("connection reset (injected)")
            except requests.ConnectionError:
                log.error("Failed to load timing data (injected)", exc_info=True)
            REAL_LOAD(session, *args, **kwargs)
        expected[int(session.event["RoundNumber"])] = len(found)

    monkeypatch.setattr(fastf1.core.Session, "load", noisy)
    result = CliRunner().invoke(app, ARGS)
    assert result.exit_code == 0, result.output
    console = result.output
    assert INJECTED not in console and "Traceback" not in console and "WARNING" not in console
    assert "warnings" in console and "3 ok;" in console
    text = log_text(small_root)
    assert text.count(INJECTED) == 3 * 3 and "Traceback" in text and "ConnectionError" in text
    assert "[2024-02-R]" in text  # each record names its session
    assert {r: w for r, (_, w) in manifest(small_root).items()} == expected
    assert all(n >= 4 for n in expected.values())


def test_a_lost_connection_stops_with_one_line_exit_4(
    small_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[int] = []

    def flaky(session: fastf1.core.Session, *args: object, **kwargs: object) -> None:
        loads.append(1)
        if len(loads) == 2:
            raise requests.ConnectionError("Max retries exceeded (injected)")
        return REAL_LOAD(session, *args, **kwargs)

    monkeypatch.setattr(fastf1.core.Session, "load", flaky)
    result = CliRunner().invoke(app, ARGS)
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: no network"), result.stderr
    assert manifest(small_root) == {1: ("ok", manifest(small_root)[1][1])}  # round 1 kept


def test_fastf1_calling_exit_fails_only_that_session(
    small_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    def gives_up(session: fastf1.core.Session, *args: object, **kwargs: object) -> None:
        if int(session.event["RoundNumber"]) == 2:
            exit()  # what Fast-F1 does when a stale pickle cannot be refreshed
        return REAL_LOAD(session, *args, **kwargs)

    monkeypatch.setattr(fastf1.core.Session, "load", gives_up)
    result = CliRunner().invoke(app, ARGS)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert [s for _, (s, _) in sorted(manifest(small_root).items())] == ["ok", "failed", "ok"]


def test_the_whole_replay_keeps_the_console_short(
    real_ingest_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, result = real_ingest_run
    text = log_text(root)
    warnings = text.count(" WARNING ")
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    stderr = [line for line in lines if not line.startswith("progress: ")]
    print(f"\nFast-F1 log: {warnings} warnings; console: {len(lines)} stderr line(s)")
    assert warnings > 100  # Fast-F1 is noisy on real data ...
    assert len(stderr) <= 3 and "WARNING" not in result.stderr + result.stdout  # ... not here
    assert 1 <= len(lines) - len(stderr) <= 25  # progress now and then while it ingests
    assert "\x1b[" not in result.stderr + result.stdout  # piped: no ANSI codes
    assert result.stdout.strip().splitlines()[-1].startswith("ingestion: ")  # one summary line
    assert f"Fast-F1's log: {root}/logs/ingestion/" in result.stdout
