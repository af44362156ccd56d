"""`python -m ingestion update` (`make update`) on replayed responses: after a new race it
ingests only that race, the next run loads nothing, and two runs never overlap."""

from __future__ import annotations

import fcntl
import subprocess
from pathlib import Path

import pytest

from f1lake.sessions import codes_by_name
from ingestion.update import manifest_entries
from tests.conftest import require_ergast_dump, require_openf1_dump, run_cli
from tests.openf1.conftest import update_args
from tests.openf1.support import ROUND, SEASON, recorded

pytestmark = pytest.mark.realdata


def test_update_after_a_new_race_loads_only_that_race_then_nothing(
    updated_root: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, first = updated_root
    dump = require_openf1_dump()
    codes = codes_by_name()
    weekend = sorted(
        (f"{SEASON}-{ROUND:02d}-{codes[s['session_name']]}" for s in recorded(dump, "sessions")),
        key=lambda label: list(codes.values()).index(label.rsplit("-", 1)[1]),
    )
    [line] = first.stdout.strip().splitlines()  # one summary line
    new = f"OpenF1 {len(weekend)} ({weekend[0]} .. {weekend[-1]})"
    assert line == f"update {SEASON}: new: {new}; gold rebuilt", line

    entries = manifest_entries(root / "bronze")
    served = (root / "warehouse" / "f1.duckdb").stat().st_mtime_ns
    again = run_cli(update_args(dump, require_ergast_dump()), root)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.strip() == f"update {SEASON}: nothing new; gold unchanged"
    assert manifest_entries(root / "bronze") == entries
    assert (root / "warehouse" / "f1.duckdb").stat().st_mtime_ns == served


def test_a_second_update_while_one_runs_exits_75(tmp_path: Path) -> None:
    lock = tmp_path / "update.lock"
    with lock.open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run_cli(["-m", "ingestion", "update", "--season", str(SEASON)], tmp_path)
    assert result.returncode == 75, result.stdout + result.stderr
    assert "another update is running" in result.stderr and not result.stdout
