"""Which sessions a request means: validated selection checked against the season schedules.

Nothing here loads a session. A schedule already in bronze (`bronze/events/season=YYYY`) is read
from there; only a missing one (or any with --force) is fetched from Fast-F1 and stored. The module
avoids pandas and Fast-F1 on that path so that a run with nothing to do starts and ends quickly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ingestion.cache_probe import CachedSessionName
from ingestion.errors import IngestionError
from ingestion.lineage import Lineage
from ingestion.naming import SESSION_CODES
from ingestion.selection import (
    SessionKey,
    check_rounds_exist,
    parse_rounds,
    parse_seasons,
    parse_sessions,
)
from ingestion.writer import PART_NAME, season_partition, write_atomic


@dataclass
class Plan:
    """The sessions to consider, in order, and each one's name in Fast-F1's live-timing paths."""

    keys: list[SessionKey] = field(default_factory=list)
    cache_names: dict[SessionKey, CachedSessionName] = field(default_factory=dict)
    starts_at: dict[SessionKey, dt.datetime] = field(default_factory=dict)  # naive UTC
    no_schedule: list[int] = field(default_factory=list)  # offline: season not in the cache


def _weekend_slots(event: Mapping[str, Any]) -> dict[str, tuple[str, dt.datetime | None]]:
    slots: dict[str, tuple[str, dt.datetime | None]] = {}
    for slot in range(1, 6):
        name = event.get(f"session{slot}")
        if isinstance(name, str) and name in SESSION_CODES:
            slots[SESSION_CODES[name]] = (name, event.get(f"session{slot}_date_utc"))
    return slots


SCHEDULE_COLUMNS = (
    "round_number",
    "event_name",
    "event_date",
    "session1",
    "session2",
    "session3",
    "session4",
    "session5",
    "session1_date_utc",
    "session2_date_utc",
    "session3_date_utc",
    "session4_date_utc",
    "session5_date_utc",
)


def _date_text(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, dt.date) else str(value)[:10]


class Planner:
    def __init__(
        self, events_dir: Path, staging: Path, ensure_fastf1: Callable[[bool], None]
    ) -> None:
        self.events_dir = events_dir
        self.staging = staging
        self.ensure_fastf1 = ensure_fastf1

    def plan(
        self, seasons: str, rounds: str, sessions: str, *, refresh: bool, offline: bool
    ) -> Plan:
        """Validate the selection (SelectionError on bad input) and list its sessions."""
        season_list = parse_seasons(seasons)
        wanted_rounds = parse_rounds(rounds)
        codes = parse_sessions(sessions)
        plan = Plan()
        for season in season_list:
            events = self.schedule(season, refresh=refresh, offline=offline)
            if events is None:
                plan.no_schedule.append(season)
                events = []
            by_round = {int(event["round_number"]): event for event in events}
            for round_number in check_rounds_exist(season, wanted_rounds, sorted(by_round)):
                event = by_round[round_number]
                weekend = _weekend_slots(event)
                for code in (c for c in codes if c in weekend):
                    key = SessionKey(season, round_number, code)
                    name, starts_at = weekend[code]
                    plan.keys.append(key)
                    plan.cache_names[key] = CachedSessionName.of(
                        _date_text(event["event_date"]), str(event["event_name"]), name
                    )
                    if isinstance(starts_at, dt.datetime):
                        plan.starts_at[key] = starts_at
        return plan

    def schedule(self, season: int, *, refresh: bool, offline: bool) -> list[dict[str, Any]] | None:
        """The season's race weekends (testing excluded) as snake_case rows; None offline when
        the cache holds no schedule for the season (nothing is stored then)."""
        directory = season_partition(self.events_dir, season)
        stored = directory / PART_NAME
        if stored.is_file() and not refresh:
            return _weekend_rows(pq.ParquetFile(stored).read(columns=list(SCHEDULE_COLUMNS)))
        from ingestion import loader, tables  # pandas + Fast-F1: only when a schedule is fetched

        self.ensure_fastf1(offline)
        try:
            frame = loader.load_schedule(season)
        except loader.ScheduleMissingError as exc:
            if offline:
                return None
            raise IngestionError(f"{exc} (Fast-F1's log has the details)") from None
        table = tables.frame_to_table(frame, Lineage.now(offline=offline), "events")
        write_atomic(table, directory, self.staging)
        return _weekend_rows(table.select(list(SCHEDULE_COLUMNS)))


def _weekend_rows(table: pa.Table) -> list[dict[str, Any]]:
    """Plain Python rows, dates as datetime (no pandas needed for nanosecond stamps)."""
    for index, column_field in enumerate(table.schema):
        if pa.types.is_timestamp(column_field.type):
            as_us = pc.cast(table.column(index), pa.timestamp("us"), safe=False)
            table = table.set_column(index, column_field.name, as_us)
    return table.to_pylist()
