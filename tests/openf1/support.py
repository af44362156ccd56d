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
from tests.history.conftest import csv_connection

SEASON, ROUND = 2024, 18  # the recording: 2024 Singapore GP (meeting 1246), race 9606


def recorded(dump: Path, endpoint: str) -> list[dict[str, Any]]:
    """The recorded rows of one endpoint (empty when the recording has no file for it)."""
    for name in REPLAY_FILES[endpoint]:
        if (dump / name).is_file():
            rows: list[dict[str, Any]] = json.loads((dump / name).read_text())
            return rows
    return []


def ergast_results() -> dict[str, tuple[int, int, int | None, str]]:
    """driver code -> (laps, position order, race time ms, status) of the race, from the dump."""
    with csv_connection() as con:
        rows = con.execute(
            "select d.code, r.laps, r.positionOrder, r.milliseconds, s.status "
            "from results r join races using (raceId) join drivers d using (driverId) "
            "join status s using (statusId) where races.year = ? and races.round = ?",
            [SEASON, ROUND],
        ).fetchall()
    return {code: (int(laps), int(order), ms, status) for code, laps, order, ms, status in rows}


def ergast_grid() -> dict[str, int]:
    """driver code -> grid slot of the race, from the dump."""
    with csv_connection() as con:
        rows = con.execute(
            "select d.code, r.grid from results r join races using (raceId) "
            "join drivers d using (driverId) where races.year = ? and races.round = ?",
            [SEASON, ROUND],
        ).fetchall()
    return {code: int(grid) for code, grid in rows}


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


MIRRORED = (SEASON, 1, "R")  # a real Fast-F1 race with laps, mirrored as OpenF1 responses
SHIFTED_MS = 500  # one mirrored lap is made this much slower: the agreement must see it


def write_fastf1_mirror(root: Path, folder: Path) -> list[dict[str, Any]]:
    """OpenF1-shaped responses (sessions.json, laps.json) for MIRRORED, from its Fast-F1 bronze
    laps, one lap shifted by SHIFTED_MS; returns the laps written."""
    season, rnd, code = MIRRORED
    events = pq.read_table(root / "bronze" / "events" / f"season={season}" / "part-0.parquet")
    event = next(e for e in events.to_pylist() if e["round_number"] == rnd)
    part = f"season={season}/round={rnd:02d}/session={code}/part-0.parquet"
    laps = pq.read_table(root / "bronze" / "laps" / part).to_pylist()
    day = event["event_date"].isoformat()
    session = {
        "meeting_key": 1,
        "session_key": 10,
        "session_name": "Race",
        "year": season,
        "date_start": f"{day}T15:00:00+00:00",
        "date_end": f"{day}T17:00:00+00:00",
    }
    rows = []
    for lap in laps:
        if lap["lap_number"] is None or lap["driver_number"] is None:
            continue
        seconds = None if lap["lap_time_us"] is None else lap["lap_time_us"] / 1e6
        start = lap["lap_start_date"]
        rows.append(
            {
                "meeting_key": 1,
                "session_key": 10,
                "driver_number": int(lap["driver_number"]),
                "lap_number": int(lap["lap_number"]),
                "lap_duration": seconds,
                "date_start": None if start is None else start.isoformat(),
                "is_pit_out_lap": lap["pit_out_time_us"] is not None,
            }
        )
    shifted = next(r for r in rows if r["lap_duration"] is not None and r["lap_number"] > 1)
    shifted["lap_duration"] += SHIFTED_MS / 1000
    folder.mkdir(parents=True)
    (folder / "sessions.json").write_text(json.dumps([session]))
    (folder / "laps.json").write_text(json.dumps(rows))
    return rows
