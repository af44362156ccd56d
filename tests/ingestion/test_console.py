"""The ingestion console as a person reads it: plain lines (no ANSI codes) when not a terminal,
a progress line now and then during a long run, one summary line at the end."""

from __future__ import annotations

import io
import types
from pathlib import Path

import pytest
from rich.console import Console

from f1lake import progress
from ingestion.progress import RunProgress
from ingestion.selection import SessionKey
from tests.conftest import require_shared_cache, run_cli

ANSI = "\x1b["


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


def test_progress_when_not_a_terminal_is_a_few_plain_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock()
    monkeypatch.setattr(progress, "time", types.SimpleNamespace(monotonic=clock.monotonic))
    sink = io.StringIO()
    with RunProgress(total=1000, console=Console(file=sink, width=80)) as bar:
        for number in range(1000):
            key = SessionKey(2024, number // 5 + 1, "R")
            if number % 2:
                bar.skip(key)
                continue
            bar.start(key, steps=3)
            bar.advance(key)
            clock.now += 0.9  # 500 loads of 0.9 s: a 7.5-minute run
            bar.done(key, "failed" if number == 10 else "ok")
    lines = sink.getvalue().splitlines()
    assert ANSI not in sink.getvalue()
    assert 10 <= len(lines) <= 25, lines  # now and then, not once per session
    assert lines[0].startswith("progress: 23/1000 sessions (12 loaded, 1 failed; last 2024-")
    assert all(line.startswith("progress: ") and line.endswith(" s") for line in lines)


def test_a_short_run_prints_no_progress_line() -> None:
    sink = io.StringIO()
    with RunProgress(total=3, console=Console(file=sink)) as bar:
        for number in range(3):
            bar.skip(SessionKey(2024, number + 1, "R"))
    assert sink.getvalue() == ""


@pytest.mark.realdata
def test_a_piped_run_is_plain_and_ends_with_one_summary_line(tmp_path: Path) -> None:
    source = require_shared_cache("olsonlin1996-2024-races")
    args = ["-m", "ingestion", "run", "--season", "2024", "--rounds", "1-3", "--sessions", "R"]
    result = run_cli([*args, "--offline", "--cache-from", str(source)], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert ANSI not in result.stdout + result.stderr
    stdout = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(stdout) == 2 and stdout[0].startswith("cache-from: "), result.stdout
    assert stdout[1].startswith("ingestion: 3 ok; 0 already in the manifest"), stdout[1]
    assert "Fast-F1's log: " in stdout[1] and result.stderr.strip() == ""
    again = run_cli([*args, "--offline", "--cache-from", str(source)], tmp_path)
    assert again.stdout.strip().splitlines() == [again.stdout.strip()]  # the summary alone
    assert again.stdout.startswith("ingestion: nothing loaded; 3 already in the manifest")
