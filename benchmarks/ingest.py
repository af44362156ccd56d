"""Ingestion benchmark on the real cache, all figures from this one run.

Prints:
- our ingest of a session ÷ a bare Fast-F1 `Session.load()` of it, same warm cache (target ≤ 1.10)
- the no-op re-run speed-up: first run ÷ second run with nothing new (target ≥ 20×)

Usage: .venv/bin/python benchmarks/ingest.py [--cache ../shared/data/fastf1-cache/all]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import fastf1

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere

from ingestion.runner import Ingestor, RunRequest
from ingestion.selection import SessionKey
from ingestion.settings import IngestionSettings

SESSIONS = [SessionKey(2023, 4, "Q"), SessionKey(2024, 12, "FP1"), SessionKey(2018, 4, "R")]
REPEATS = 3


def bare_load(key: SessionKey) -> float:
    started = time.perf_counter()
    session = fastf1.get_session(key.season, key.round, key.code)
    session.load(laps=True, telemetry=False, weather=True, messages=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=REPO.parent / "shared/data/fastf1-cache/all")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    (root / "cache").mkdir()
    shutil.copy(args.cache / "fastf1_http_cache.sqlite", root / "cache")
    os.environ["EXTERNAL_DATA_ROOT"] = str(root)
    ingestor = Ingestor(IngestionSettings())

    # no-op speed-up: a first run, then the same run with nothing new
    request = RunRequest("2023-2024", "all", "Q,SQ,SS,S,R", offline=True)
    started = time.perf_counter()
    ingestor.run(request, ingestor.plan(request))
    first = time.perf_counter() - started
    started = time.perf_counter()
    ingestor.run(request, ingestor.plan(request))
    second = time.perf_counter() - started

    # our ingest vs bare Session.load, per session, warm cache, interleaved repeats
    forced = RunRequest("2018-2024", "all", "all", offline=True, force=True)
    print(f"{'session':<14}{'bare load s':>12}{'our ingest s':>14}{'ratio':>8}")
    ratios = []
    for key in SESSIONS:
        bare_load(key)  # warm-up
        bare, ours = [], []
        for _ in range(REPEATS):
            bare.append(bare_load(key))
            started = time.perf_counter()
            entry = ingestor.ingest_session(key, forced, None, _NullProgress())
            ours.append(time.perf_counter() - started)
            assert entry.status == "ok", entry.error
        ratio = statistics.median(ours) / statistics.median(bare)
        ratios.append(ratio)
        print(f"{key!s:<14}{statistics.median(bare):>12.3f}{statistics.median(ours):>14.3f}"
              f"{ratio:>8.2f}")  # fmt: skip
    print(f"ingest ÷ bare Session.load (median over sessions): {statistics.median(ratios):.2f}"
          "  (target ≤ 1.10)")  # fmt: skip
    print(f"no-op re-run: first {first:.2f} s, second {second:.3f} s, "
          f"speed-up {first / second:.0f}×  (target ≥ 20×)")  # fmt: skip
    shutil.rmtree(root)


class _NullProgress:
    def start(self, key: SessionKey, steps: int) -> None: ...
    def advance(self, key: SessionKey) -> None: ...


if __name__ == "__main__":
    main()
