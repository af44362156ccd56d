"""Which OpenF1 sessions a request names: OpenF1's keys mapped onto the conformed ids.

OpenF1 numbers meetings and sessions itself (`meeting_key`, `session_key`); the lakehouse keys
sessions by season, round and Fast-F1 session code (`2024-18-R`). The round comes from the
Fast-F1 event schedule already in bronze (`bronze/events/season=YYYY/`, written by
`python -m ingestion run`): a meeting is the event whose date falls 0-4 days after the
meeting's first session (pre-season testing, round 0, is never matched). The code comes from
the session name, by the one list of session names (f1lake.sessions: "Race" -> R).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from f1lake.sessions import codes_by_name
from ingestion.errors import SelectionError
from ingestion.openf1.rows import Row
from ingestion.selection import SessionKey
from ingestion.writer import PART_NAME, season_partition

MAX_DAYS_BEFORE_EVENT = 4  # a meeting's first session to its event (race) day


@dataclass(frozen=True)
class PlannedSession:
    key: SessionKey
    session: Row  # OpenF1's sessions row
    ended: bool  # its date_end is in the past


def schedule_rounds(bronze: Path, season: int) -> dict[int, dt.date]:
    """round -> event date, from the Fast-F1 schedule in bronze (round 0 = testing left out)."""
    path = season_partition(bronze / "events", season) / PART_NAME
    if not path.is_file():
        raise SelectionError(
            f"no Fast-F1 schedule for {season} in {bronze / 'events'}: run `python -m ingestion "
            f"run --season {season} …` (or `update`) first; OpenF1 sessions are mapped onto "
            "its rounds"
        )
    table = pq.read_table(path, columns=["round_number", "event_date"]).to_pylist()
    return {int(r["round_number"]): r["event_date"] for r in table if r["round_number"]}


def plan(
    sessions: list[Row],
    rounds: dict[int, dt.date],
    season: int,
    wanted_rounds: list[int] | None,
    wanted_codes: list[str],
    now: dt.datetime,
) -> list[PlannedSession]:
    """The sessions of `season` the request names, in weekend order."""
    names = codes_by_name()
    firsts: dict[Any, dt.date] = {}
    for row in sessions:
        start = _instant(row.get("date_start"))
        if start is not None:
            key = row.get("meeting_key")
            firsts[key] = min(firsts.get(key, start.date()), start.date())
    planned = []
    for row in sessions:
        code = names.get(str(row.get("session_name")))
        first = firsts.get(row.get("meeting_key"))
        rnd = _round_of(first, rounds) if first else None
        if code is None or rnd is None or code not in wanted_codes:
            continue
        if wanted_rounds is not None and rnd not in wanted_rounds:
            continue
        end = _instant(row.get("date_end"))
        ended = end is not None and end < now
        planned.append(PlannedSession(SessionKey(season, rnd, code), row, ended))
    return sorted(planned, key=lambda p: (p.key.round, wanted_codes.index(p.key.code)))


def _round_of(first: dt.date, rounds: dict[int, dt.date]) -> int | None:
    for rnd, event_date in sorted(rounds.items()):
        if rnd > 0 and 0 <= (event_date - first).days <= MAX_DAYS_BEFORE_EVENT:
            return rnd
    return None


def _instant(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
