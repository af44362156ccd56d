"""Ingestion benchmark on the real `full/` Fast-F1 cache (offline), printing ratios from one run.

1. Overhead per session: our ingest of a session (`Ingestor.ingest_session`: Fast-F1 load + Arrow
   conversion + atomic Parquet writes + manifest entry) divided by a bare `Session.load()` of the
   same session, both on the same warm cache and in the same process (best of REPEATS alternating
   runs: the machine is shared, the minimum is the least disturbed measure). Target <= 1.10.
   The once-per-run costs (manifest scan, offline-cache probe) are printed separately.
2. No-op re-run: the full CLI run `--season 2018-2026 --rounds all --sessions all --offline
   --cache-from <copy of full/>` on a fresh data root (the import checks and copies the sqlite and
   the 160 `.ff1pkl` files), then the same command again (nothing new, nothing to import). Target:
   the second >= 20x faster.
   The re-run is timed 3 times (median). All runs are separate processes with Python's bytecode
   cache enabled in a temporary folder (as in an installed container; this sandbox sets
   PYTHONDONTWRITEBYTECODE, which would make every start-up recompile the libraries and so
   measure the compiler instead of the ingestion).

Run: .venv/bin/python benchmarks/ingest.py [--noop-only]
"""

from __future__ import annotations

import argparse
import io
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

SHARED = REPO_ROOT.parent / "shared" / "data" / "fastf1-cache" / "full"
SESSIONS = [(2018, 4, "R"), (2023, 4, "Q"), (2021, 14, "FP2"), (2024, 5, "SQ"), (2024, 10, "R")]
REPEATS = 5
FULL_RUN = [
    *("-m", "ingestion", "run", "--season", "2018-2026"),
    *("--rounds", "all", "--sessions", "all", "--offline"),
]


def seed(root: Path) -> None:
    (root / "cache").mkdir(parents=True)
    shutil.copy(SHARED / "fastf1_http_cache.sqlite", root / "cache" / "fastf1_http_cache.sqlite")


def per_session_overhead(root: Path) -> None:
    os.environ["EXTERNAL_DATA_ROOT"] = str(root)
    import fastf1
    from rich.console import Console

    from ingestion.manifest import cache_fingerprint
    from ingestion.progress import RunProgress
    from ingestion.runner import Ingestor, RunRequest
    from ingestion.selection import SessionKey
    from ingestion.settings import IngestionSettings

    ingestor = Ingestor(IngestionSettings())
    request = RunRequest("2018-2026", "all", "all", force=True, offline=True)
    started = time.perf_counter()
    ingestor.plan(request)  # schedules into bronze once
    planned = time.perf_counter() - started
    fastf1.set_log_level("ERROR")  # same for both sides; keeps the output readable
    fingerprint = cache_fingerprint(ingestor.settings.cache_dir)

    def bare(season: int, rnd: int, code: str) -> float:
        started = time.perf_counter()
        session = fastf1.get_session(season, rnd, code)
        session.load(laps=True, telemetry=False, weather=True, messages=True)
        return time.perf_counter() - started

    def ours(season: int, rnd: int, code: str) -> float:
        with RunProgress(total=1, console=Console(file=io.StringIO())) as progress:
            started = time.perf_counter()
            entry = ingestor.ingest_session(
                SessionKey(season, rnd, code), request, fingerprint, progress
            )
            elapsed = time.perf_counter() - started
        assert entry.status == "ok", entry
        return elapsed

    print(f"\nper session: ours / bare Session.load() on the same warm cache (best of {REPEATS})")
    print(f"{'session':<12}{'bare s':>9}{'ours s':>9}{'ratio':>8}")
    total_bare = total_ours = 0.0
    for key in SESSIONS:
        ours(*key)  # warm-up: fills Fast-F1's parsed-data cache
        bare(*key)
        bare_times, our_times = [], []
        for _ in range(REPEATS):
            bare_times.append(bare(*key))
            our_times.append(ours(*key))
        b, o = min(bare_times), min(our_times)
        total_bare, total_ours = total_bare + b, total_ours + o
        label = f"{key[0]}-{key[1]:02d}-{key[2]}"
        print(f"{label:<12}{b:>9.3f}{o:>9.3f}{o / b:>8.2f}")
    ratio = total_ours / total_bare
    print(f"{'all':<12}{total_bare:>9.3f}{total_ours:>9.3f}{ratio:>8.2f}   (target <= 1.10)")
    started = time.perf_counter()
    ingestor.manifest.read_previous_runs()
    from ingestion.cache_probe import cached_sessions

    cached_sessions(ingestor.settings.cache_dir)
    per_run = time.perf_counter() - started
    print(
        f"once per run, not per session: planning 978 sessions {planned:.3f} s (first time, "
        f"schedules from Fast-F1), manifest scan + offline-cache probe {per_run:.3f} s"
    )


def timed_cli(root: Path, pycache: Path, source: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(EXTERNAL_DATA_ROOT=str(root), PYTHONPYCACHEPREFIX=str(pycache))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *FULL_RUN, "--cache-from", str(source)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ingestion failed: {done.stderr[-2000:]}")
    print(f"  {elapsed:6.2f} s  {done.stdout.strip().splitlines()[-1]}")
    return elapsed


def noop_speedup(root: Path, pycache: Path, source: Path) -> None:
    print("\nno-op re-run: full offline CLI run with --cache-from, then the same command again")
    timed_cli(root / "warm-up", pycache, source)  # compiles the bytecode cache (not measured)
    first = timed_cli(root / "measured", pycache, source)
    second = statistics.median(timed_cli(root / "measured", pycache, source) for _ in range(3))
    speedup = first / second
    print(f"first run {first:.2f} s, re-run {second:.2f} s (median of 3): {speedup:.1f}x faster")
    print("(target >= 20x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--noop-only", action="store_true", help="only the no-op re-run ratio")
    args = parser.parse_args()
    if not (SHARED / "fastf1_http_cache.sqlite").is_file():
        raise SystemExit(f"error: real cache missing: {SHARED}")
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        base = Path(tmp)
        source = base / "source"  # a copy: the shared cache is never read in place
        shutil.copytree(SHARED, source)
        for name in ("warm-up", "measured"):
            (base / name).mkdir()
        noop_speedup(base, base / "pycache", source)
        if not args.noop_only:
            seed(base / "overhead")
            per_session_overhead(base / "overhead")


if __name__ == "__main__":
    main()
