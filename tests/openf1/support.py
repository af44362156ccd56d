"""Helpers of the OpenF1 tests: the recording (the reference) and a data root to replay it into.

OpenF1 sessions are mapped onto the Fast-F1 schedule's rounds, so a root needs the 2024
schedule in bronze: `schedule_root` writes it from the real Fast-F1 cache, through the project's
own ingestion (one offline `run` of a 2024 session the cache holds), once per test session.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ingestion.openf1.rows import ENDPOINTS, REPLAY_FILES

SEASON, ROUND = 2024, 18  # the recording: 2024 Singapore GP (meeting 1246), race 9606


def recorded(dump: Path, endpoint: str) -> list[dict[str, Any]]:
    """The recorded rows of one endpoint (empty when the recording has no file for it)."""
    for name in REPLAY_FILES[endpoint]:
        if (dump / name).is_file():
            rows: list[dict[str, Any]] = json.loads((dump / name).read_text())
            return rows
    return []


def recorded_counts(dump: Path) -> dict[str, int]:
    return {e: len(recorded(dump, e)) for e in ENDPOINTS if recorded(dump, e)}


def bronze_counts(root: Path) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for endpoint in ENDPOINTS:
        for path in (root / "bronze" / "openf1" / endpoint).rglob("*.parquet"):
            counts[endpoint] += pq.read_metadata(path).num_rows
    return dict(counts)


def bronze_mtimes(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (root / "bronze" / "openf1").rglob("*.parquet")}


def root_with_schedule(schedule_root: Path, target: Path) -> Path:
    """A fresh data root holding only the 2024 Fast-F1 schedule (bronze/events)."""
    events = schedule_root / "bronze" / "events" / f"season={SEASON}"
    shutil.copytree(events, target / "bronze" / "events" / f"season={SEASON}")
    return target
