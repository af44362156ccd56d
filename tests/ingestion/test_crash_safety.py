"""SIGKILL during writes, several times at different points: bronze never shows a partial or
unreadable file, and the re-run ends with exactly a clean run's bronze."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO_ROOT, run_cli, seed_cache

pytestmark = pytest.mark.realdata

# 2023 Azerbaijan weekend (sprint format, laps for Q/SS/S) from FastF1's own test data
INGEST = ["-m", "ingestion", "run", "--season", "2023", "--rounds", "4", "--sessions", "all",
          "--offline"]  # fmt: skip
KILL_WHEN_PUBLISHED = (2, 6, 10, 14, 18)  # kill once this many files are published
LINEAGE = {"ingested_at", "seconds"}  # when and how long: differ between any two runs


def bronze_snapshot(root: Path) -> dict[str, list[dict[str, object]]]:
    """Every published partition's rows (without ingestion timestamps), by relative path."""
    snapshot = {}
    for part in sorted((root / "bronze").rglob("*.parquet")):
        table = pq.read_table(part)
        keep = [c for c in table.column_names if c not in LINEAGE]
        snapshot[str(part.relative_to(root))] = table.select(keep).to_pylist()
    return snapshot


def count_published(root: Path) -> int:
    return sum(1 for _ in (root / "bronze").rglob("*.parquet"))


class BronzeWatcher(threading.Thread):
    """Reads every visible file under bronze/ in a loop; records anything partial/unreadable."""

    def __init__(self, root: Path) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.problems: list[str] = []
        self.reads = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for path in list((self.root / "bronze").rglob("*")):
                if path.is_dir():
                    continue
                if path.suffix != ".parquet":
                    self.problems.append(f"non-parquet file visible: {path}")
                    continue
                try:
                    pq.read_table(path)
                    self.reads += 1
                except FileNotFoundError:
                    continue
                except Exception as exc:
                    self.problems.append(f"unreadable {path}: {exc}")


def test_kills_never_expose_partial_files_and_rerun_completes(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    seed_cache(clean, "fastf1-testdata")
    done = run_cli(INGEST, clean)
    assert done.returncode == 0, done.stderr[-2000:]
    expected = bronze_snapshot(clean)
    assert any("laps" in p for p in expected)

    crashed = tmp_path / "crashed"
    seed_cache(crashed, "fastf1-testdata")
    (crashed / "bronze").mkdir()
    watcher = BronzeWatcher(crashed)
    watcher.start()
    env = {**os.environ, "EXTERNAL_DATA_ROOT": str(crashed)}
    kills = 0
    try:
        for published in KILL_WHEN_PUBLISHED:
            proc = subprocess.Popen(
                [sys.executable, *INGEST],
                cwd=REPO_ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            while proc.poll() is None and count_published(crashed) < published:
                time.sleep(0.01)  # wait for the run to reach this point, then kill mid-writes
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
    finally:
        watcher.stop.set()
        watcher.join()
    assert kills >= 4, "most runs finished before their kill point"
    assert watcher.problems == []
    assert watcher.reads > 0

    final = run_cli(INGEST, crashed)
    assert final.returncode == 0, final.stderr[-2000:]
    assert bronze_snapshot(crashed) == expected
