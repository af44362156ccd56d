"""One OpenF1 run: plan the sessions, fetch them, write bronze, then each manifest entry.

Per session: every session endpoint is fetched (SESSION_ENDPOINTS, `session_key=`) and
converted to its contract BEFORE anything of the session is written; then each endpoint's
partition `bronze/openf1/<endpoint>/season=/round=/session=` is written atomically (an endpoint
with no rows has no file: an older one is removed), the meeting's row goes to
`bronze/openf1/meetings/season=/round=/`, and the manifest entry comes last. Sessions the
manifest has as done cost no call (re-runs load nothing); `--force` loads them again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyarrow as pa

from f1lake.bronze_contract import OPENF1_PREFIX
from ingestion.errors import IngestionError, NetworkUnavailableError, RateLimitReachedError
from ingestion.lineage import FASTF1_VERSION, Lineage
from ingestion.openf1.manifest import OpenF1Entry, OpenF1Manifest
from ingestion.openf1.plan import PlannedSession, plan, schedule_rounds
from ingestion.openf1.rows import SESSION_ENDPOINTS, Row, to_table, with_lineage
from ingestion.selection import SessionKey, parse_rounds, parse_seasons, parse_sessions
from ingestion.settings import IngestionSettings
from ingestion.writer import (
    remove_partition,
    season_partition,
    session_partition,
    staging_dir,
    write_atomic,
)

logger = logging.getLogger(__name__)


class Source(Protocol):
    source: str
    offline: bool

    def fetch(
        self, endpoint: str, params: dict[str, Any], *, listing: bool = False
    ) -> list[Row]: ...


@dataclass
class OpenF1Report:
    entries: list[OpenF1Entry] = field(default_factory=list)
    skipped: list[SessionKey] = field(default_factory=list)
    not_run: list[SessionKey] = field(default_factory=list)  # listed, not over yet
    stopped: IngestionError | None = None  # rate limit or network: the run stopped there

    @property
    def failed(self) -> list[OpenF1Entry]:
        return [e for e in self.entries if e.status == "failed"]

    def rows(self, endpoint: str) -> int:
        return sum(e.rows.get(endpoint) or 0 for e in self.entries)


@dataclass(frozen=True)
class OpenF1Request:
    seasons: str
    rounds: str
    sessions: str
    force: bool = False
    gaps_only: bool = False  # only sessions the Fast-F1 manifest has no laps for


def check_request(request: OpenF1Request) -> None:
    parse_seasons(request.seasons)
    parse_rounds(request.rounds)
    parse_sessions(request.sessions)


class OpenF1Ingestor:
    def __init__(self, settings: IngestionSettings, source: Source) -> None:
        self.bronze = settings.layout.bronze
        self.staging = staging_dir(self.bronze)
        self.manifest = OpenF1Manifest(self.bronze, self.staging)
        self.source = source

    def plan(self, request: OpenF1Request, now: dt.datetime | None = None) -> list[PlannedSession]:
        """Every session of the request OpenF1 lists (the season listings: cached)."""
        now = now or dt.datetime.now(dt.UTC)
        wanted_rounds, codes = parse_rounds(request.rounds), parse_sessions(request.sessions)
        planned = []
        for season in parse_seasons(request.seasons):
            rounds = schedule_rounds(self.bronze, season)
            listed = self.source.fetch("sessions", {"year": season}, listing=True)
            planned += plan(listed, rounds, season, wanted_rounds, codes, now)
        return planned

    def run(self, request: OpenF1Request, planned: list[PlannedSession]) -> OpenF1Report:
        report = OpenF1Report()
        done = set() if request.force else self.manifest.done()
        if request.gaps_only:
            done |= self.manifest.fastf1_lap_sessions()
        for item in planned:
            if item.key in done:
                report.skipped.append(item.key)
            elif not item.ended and not self.source.offline:
                report.not_run.append(item.key)
            else:
                try:
                    report.entries.append(self.ingest(item))
                except (RateLimitReachedError, NetworkUnavailableError) as exc:
                    report.stopped = exc
                    break
        return report

    def ingest(self, item: PlannedSession) -> OpenF1Entry:
        started = time.perf_counter()
        session_key = item.session.get("session_key")
        entry = OpenF1Entry(item.key, "ok", self.source.source, session_key)
        lineage = Lineage(entry.ingested_at, FASTF1_VERSION, self.source.source)
        try:
            tables = self._fetch_session(item, session_key)
            for endpoint, table in tables.items():
                entry.rows[endpoint] = table.num_rows or None
                directory = self._partition(endpoint, item.key)
                if table.num_rows:
                    write_atomic(with_lineage(table, lineage), directory, self.staging)
                elif endpoint != "meetings":  # the weekend's other sessions keep theirs
                    remove_partition(directory)
            if not any(entry.rows.get(e) for e in SESSION_ENDPOINTS):
                entry.status = "no_data"
        except (RateLimitReachedError, NetworkUnavailableError):
            raise
        except Exception as exc:  # recorded as failed; the run goes on
            logger.warning("OpenF1 %s failed: %s", item.key, exc)
            entry.status, entry.error = "failed", f"{type(exc).__name__}: {exc}"
        entry.seconds = time.perf_counter() - started
        self.manifest.write(entry)
        return entry

    def _fetch_session(self, item: PlannedSession, session_key: Any) -> dict[str, pa.Table]:
        """Every endpoint of the session in its contract, before anything is written."""
        meeting = self.source.fetch("meetings", {"meeting_key": item.session.get("meeting_key")})
        tables = {"sessions": to_table("sessions", [item.session], "OpenF1 sessions")}
        for endpoint in SESSION_ENDPOINTS:
            rows = self.source.fetch(endpoint, {"session_key": session_key})
            tables[endpoint] = to_table(endpoint, rows, f"OpenF1 {endpoint} of {item.key}")
        tables["meetings"] = to_table("meetings", meeting[:1], "OpenF1 meetings")
        return tables

    def _partition(self, endpoint: str, key: SessionKey) -> Any:
        base = self.bronze / (OPENF1_PREFIX + endpoint)
        if endpoint == "meetings":  # one row per race weekend
            return season_partition(base, key.season) / f"round={key.round:02d}"
        return session_partition(base, key)
