"""Ingestion benchmark on the real `all/` Fast-F1 cache (offline), printing ratios from one run.

1. Overhead per session: our ingest of a session (Fast-F1 load + Arrow conversion + atomic Parquet
   writes + manifest entry) divided by a bare `Session.load()` of the same session, both on the
   same warm cache and in the same process (median of REPEATS alternating runs). Target <= 1.10.
2. No-op re-run: the full CLI run `--season 2018-2026 --rounds all --sessions all --offline` on a
   fresh data root, then the same command again (nothing new). Target: the second >= 20x faster.
   Both runs are separate processes with Python's bytecode cache enabled in a temporary folder
   (as in an installed container; this sandbox sets PYTHONDONTWRITEBYTECODE, which would make
   every start-up recompile the libraries and measure the compiler instead of the ingestion).

Run: .venv/bin/python benchmarks/ingest.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

SHARED = REPO_ROOT.parent / "shared" / "data" / "fastf1-cache" / "all"
SESSIONS = [(2018, 4, "R"), (2023, 4, "Q"), (2021, 14, "FP2"), (2024, 5, "SQ"), (2024, 10, "R")]
REPEATS = 3
FULL_RUN = ["-m", "ingestion", "run", "--season", "2018-2026", "--rounds", "all",
            "--sessions", "all", "--offline"]  # fmt: skip


def seed(root: Path) -> None:
    (root / "cache").mkdir(parents=True)
    shutil.copy(SHARED / "fastf1_http_cache.sqlite", root / "cache" / "fastf1_http_cache.sqlite")


def per_session_overhead(root: Path) -> None:
    os.environ["EXTERNAL_DATA_ROOT"] = str(root)
    import fastf1

    from ingestion.runner import Ingestor, RunRequest
    from ingestion.settings import IngestionSettings

    ingestor = Ingestor(IngestionSettings())

    def bare(season: int, rnd: int, code: str) -> float:
        started = time.perf_counter()
        session = fastf1.get_session(season, rnd, code)
        session.load(laps=True, telemetry=False, weather=True, messages=True)
        return time.perf_counter() - started

    def ours(season: int, rnd: int, code: str) -> float:
        request = RunRequest(str(season), str(rnd), code, force=True, offline=True)
        keys = ingestor.plan(request)  # schedule read from bronze after the first call
        started = time.perf_counter()
        report = ingestor.run(request, keys)
        elapsed = time.perf_counter() - started
        assert [e.status for e in report.entries] == ["ok"], report
        return elapsed

    print("per-session: ours / bare Session.load() on the same warm cache")
    print(f"{'session':<12}{'bare s':>9}{'ours s':>9}{'ratio':>8}")
    total_bare = total_ours = 0.0
    for key in SESSIONS:
        ours(*key)  # warm-up: fills Fast-F1's parsed-data cache and our schedule
        bare(*key)
        bare_times, our_times = [], []
        for _ in range(REPEATS):
            bare_times.append(bare(*key))
            our_times.append(ours(*key))
        b, o = statistics.median(bare_times), statistics.median(our_times)
        total_bare, total_ours = total_bare + b, total_ours + o
        label = f"{key[0]}-{key[1]:02d}-{key[2]}"
        print(f"{label:<12}{b:>9.3f}{o:>9.3f}{o / b:>8.2f}")
    print(f"{'all':<12}{total_bare:>9.3f}{total_ours:>9.3f}{total_ours / total_bare:>8.2f}"
          "   (target <= 1.10)")  # fmt: skip


def timed_cli(root: Path, pycache: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(EXTERNAL_DATA_ROOT=str(root), PYTHONPYCACHEPREFIX=str(pycache))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *FULL_RUN], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ingestion failed: {done.stderr[-2000:]}")
    print(f"  {done.stdout.strip().splitlines()[-1]}")
    return elapsed


def noop_speedup(root: Path, pycache: Path) -> None:
    print("\nno-op re-run: full offline CLI run, then the same command again")
    timed_cli(root / "warm-up", pycache)  # compiles the bytecode cache once (not measured)
    first = timed_cli(root / "measured", pycache)
    second = timed_cli(root / "measured", pycache)
    print(f"first run {first:.2f} s, re-run {second:.2f} s: {first / second:.1f}x faster "
          "(target >= 20x)")  # fmt: skip


def main() -> None:
    if not (SHARED / "fastf1_http_cache.sqlite").is_file():
        raise SystemExit(f"real cache missing: {SHARED}")
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        base = Path(tmp)
        for name in ("overhead", "warm-up", "measured"):
            seed(base / name)
        noop_speedup(base, base / "pycache")
        per_session_overhead(base / "overhead")


if __name__ == "__main__":
    main()
