"""`python -m ingestion update` (`make update`): bring a season up to date after a race weekend.

Run after each race weekend, or from cron. In order, each step its own command (its own
manifest, idempotence and exit code):
1. Fast-F1: every session of the season that has happened and is not in the manifest
   (`ingestion run --rounds all --sessions all`);
2. OpenF1 for what Fast-F1 lacks: the sessions the Fast-F1 manifest has no laps for
   (`ingestion openf1 --gaps-only`);
3. the season's history from Jolpica (`ingestion history --seasons S`; `--history-from-csv`
   reads an Ergast dump instead);
4. gold rebuilt (`transform build`) when a step loaded anything (or nothing is served yet);
5. the next race predicted (`ml predict`) when models are trained and a race is left.
What was new is read from the manifests (entries written by this run), and printed as ONE line.
Each step's output goes to <data root>/logs/update/<run>.log.

A lock (<data root>/update.lock, flock) keeps two runs apart. Exit codes: 0 up to date,
1 a step failed (what it finished is kept; the next run retries), 2 bad input (nothing done),
3 a rate limit stopped a step (run again later), 4 no network, 75 another update is running
(EX_TEMPFAIL: try again later).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from f1lake.settings import DataLayout
from ingestion.writer import PART_NAME, season_partition

LOCKED = 75  # EX_TEMPFAIL (sysexits.h)
REPO_ROOT = Path(__file__).resolve().parents[1]  # the steps run `python -m …` from here
RETRY_LATER = (3, 4)


class UpdateLockedError(Exception):
    exit_code = LOCKED


@dataclass
class UpdateOptions:
    season: int
    offline: bool = False
    cache_from: list[Path] = field(default_factory=list)
    openf1_from: Path | None = None
    history_from_csv: Path | None = None
    build: bool = True
    predict: bool = True


@dataclass
class UpdateReport:
    new: dict[str, list[str]] = field(default_factory=dict)  # source -> what was loaded
    failed: dict[str, int] = field(default_factory=dict)  # step -> exit code
    built: bool = False
    predicted: str = ""
    log: Path | None = None

    @property
    def exit_code(self) -> int:
        codes = set(self.failed.values())
        for code in (2, 4, 3):
            if code in codes:
                return code
        return 1 if codes else 0

    def summary(self, season: int) -> str:
        loaded = "; ".join(
            f"{source} {len(items)} ({_span(items)})" for source, items in self.new.items() if items
        )
        parts = [f"update {season}: " + (f"new: {loaded}" if loaded else "nothing new")]
        parts.append("gold rebuilt" if self.built else "gold unchanged")
        if self.predicted:
            parts.append(self.predicted)
        if self.failed:
            parts.append("failed: " + ", ".join(f"{s} (exit {c})" for s, c in self.failed.items()))
        return "; ".join(parts)


@contextmanager
def update_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise UpdateLockedError(f"another update is running (pid {holder}, {path})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def manifest_entries(bronze: Path) -> dict[Path, int]:
    """Every manifest entry (Fast-F1, OpenF1, history) and its mtime."""
    return {
        p: p.stat().st_mtime_ns
        for pattern in ("_manifest", "openf1/_manifest", "history/_manifest")
        for p in (bronze / pattern).rglob(PART_NAME)
    }


def what_is_new(bronze: Path, before: dict[Path, int]) -> dict[str, list[str]]:
    new: dict[str, list[str]] = {"Fast-F1": [], "OpenF1": [], "history": []}
    for path, mtime in sorted(manifest_entries(bronze).items()):
        if before.get(path) == mtime:
            continue
        status = pq.read_table(path, columns=["status"]).column("status")[0].as_py()
        if status not in ("ok", "no_data", "partial"):
            continue  # retried next time: not loaded
        parts = dict(p.split("=", 1) for p in path.parent.relative_to(bronze).parts if "=" in p)
        rel = path.relative_to(bronze).parts[0]
        source = {"openf1": "OpenF1", "history": "history"}.get(rel, "Fast-F1")
        label = "-".join(parts[k] for k in ("season", "round", "session") if k in parts)
        new[source].append(label)
    return new


def next_round(bronze: Path, season: int, today: dt.date) -> int | None:
    path = season_partition(bronze / "events", season) / PART_NAME
    if not path.is_file():
        return None
    rows = pq.read_table(path, columns=["round_number", "event_date"]).to_pylist()
    left = [r["round_number"] for r in rows if r["round_number"] and r["event_date"] >= today]
    return min(left) if left else None


def run_update(options: UpdateOptions, layout: DataLayout, today: dt.date) -> UpdateReport:
    report = UpdateReport()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    report.log = layout.logs / "update" / f"{stamp}.log"
    report.log.parent.mkdir(parents=True, exist_ok=True)
    before = manifest_entries(layout.bronze)
    season = str(options.season)
    for step, args in _ingest_steps(options, season):
        code = _run(step, args, report.log)
        if code:
            report.failed[step] = code
            if code == 2:
                return report  # bad input: nothing further is meaningful
    report.new = what_is_new(layout.bronze, before)
    if options.build and (any(report.new.values()) or not layout.warehouse.is_file()):
        code = _run("gold", ["-m", "transform", "build"], report.log)
        report.built = code == 0
        if code:
            report.failed["gold"] = code
    upcoming = next_round(layout.bronze, options.season, today)
    if not options.predict:
        return report
    if upcoming is None:
        report.predicted = f"no race left in {season} to predict"
    elif not any(layout.models.glob("*")):
        report.predicted = "next race not predicted: no model (python -m ml train)"
    else:
        args = ["-m", "ml", "predict", "--season", season, "--round", str(upcoming)]
        code = _run("predict", args, report.log)
        report.predicted = f"round {upcoming} predicted"
        if code:
            report.failed["predict"] = code
            report.predicted = ""
    return report


def _ingest_steps(options: UpdateOptions, season: str) -> list[tuple[str, list[str]]]:
    fastf1 = ["-m", "ingestion", "run", "--season", season, "--rounds", "all", "--sessions", "all"]
    if options.offline:
        fastf1.append("--offline")
    for folder in options.cache_from:
        fastf1 += ["--cache-from", str(folder)]
    openf1 = ["-m", "ingestion", "openf1", "--season", season, "--gaps-only"]
    if options.openf1_from is not None:
        openf1 += ["--from", str(options.openf1_from)]
    elif options.offline:
        openf1.append("--offline")
    history = ["-m", "ingestion", "history", "--seasons", season]
    if options.history_from_csv is not None:
        history += ["--from-csv", str(options.history_from_csv)]
    elif options.offline:
        history.append("--offline")
    return [("Fast-F1", fastf1), ("OpenF1", openf1), ("history", history)]


def _run(step: str, args: list[str], log: Path) -> int:
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"\n=== {step}: python {' '.join(args)}\n")
        handle.flush()
        done = subprocess.run(
            [sys.executable, *args],
            cwd=REPO_ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=False,
        )
    return done.returncode


def _span(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{items[0]} .. {items[-1]}"
