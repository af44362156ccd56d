"""SIGKILL during writes, several times at different points: bronze never shows a partial or
unreadable file, and the re-run ends with exactly a clean run's bronze."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO_ROOT, seed_cache

pytestmark = pytest.mark.realdata

# four 2024 races (results + weather each) from the small olsonlin cache: ~0.2 s per session,
# 4 files each (sessions, results, weather, manifest) + the schedule = 17 published files
CACHE = "olsonlin1996-2024-races"
INGEST = shlex.split("-m ingestion run --season 2024 --rounds 1-4 --sessions R --offline")
# kill once this many files are published, after this extra delay (s): lands between writes,
# inside a Parquet write/fsync, or inside a Fast-F1 load
KILL_POINTS = ((2, 0.0), (4, 0.004), (7, 0.0), (9, 0.015), (12, 0.002), (14, 0.03))
# when and how long differ between any two runs; so does how much Fast-F1 logged (fewer warnings
# when it reuses pickles an interrupted run already wrote into the cache), the digest of that
# cache, and the manifest's file fingerprints' mtimes (its byte sizes must still agree)
LINEAGE = {"ingested_at", "seconds", "fastf1_warnings", "cache_fingerprint"}


def is_lineage(column: str) -> bool:
    return column in LINEAGE or column.endswith("_mtime_ns")


def bronze_snapshot(root: Path) -> dict[str, list[dict[str, object]]]:
    """Every published partition's rows (without ingestion timestamps), by relative path."""
    snapshot = {}
    for part in sorted((root / "bronze").rglob("*.parquet")):
        table = pq.read_table(part)
        keep = [c for c in table.column_names if not is_lineage(c)]
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
            time.sleep(0.002)  # a sweep every few ms: watch closely, but leave CPU to the run


def with_bytecode_cache(root: Path, pycache: Path) -> dict[str, str]:
    """Environment for the runs: the sandbox disables .pyc writing, which makes each of the
    many short runs recompile every library; a bytecode cache in tmp keeps them short."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "EXTERNAL_DATA_ROOT": str(root), "PYTHONPYCACHEPREFIX": str(pycache)}


def run_ingest(root: Path, pycache: Path) -> subprocess.CompletedProcess[str]:
    env = with_bytecode_cache(root, pycache)
    command = [sys.executable, *INGEST]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)


def test_kills_never_expose_partial_files_and_rerun_completes(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    seed_cache(clean, CACHE)
    pycache = tmp_path / "pycache"
    done = run_ingest(clean, pycache)
    assert done.returncode == 0, done.stderr[-2000:]
    expected = bronze_snapshot(clean)
    assert len(expected) == 17 and any("weather" in p for p in expected)

    crashed = tmp_path / "crashed"
    seed_cache(crashed, CACHE)
    (crashed / "bronze").mkdir()
    watcher = BronzeWatcher(crashed)
    watcher.start()
    env = with_bytecode_cache(crashed, pycache)
    kills = 0
    try:
        for published, delay in KILL_POINTS:
            proc = subprocess.Popen(
                [sys.executable, *INGEST],
                cwd=REPO_ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            while proc.poll() is None and count_published(crashed) < published:
                time.sleep(0.01)  # wait for the run to reach this point, then kill mid-writes
            time.sleep(delay)
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

    final = run_ingest(crashed, pycache)
    assert final.returncode == 0, final.stderr[-2000:]
    assert bronze_snapshot(crashed) == expected
