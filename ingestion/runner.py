"""Orchestrates one ingestion run: plan, skip what the manifest has, load, write, summarise.

Order per session: the manifest is consulted first (ok / no_data: skipped, no Fast-F1 call);
offline, the cache probe next (not in the cache: `unavailable`, no Fast-F1 call); only then is
the session loaded, its tables written (each atomically) and finally its manifest entry.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ingestion.cache_probe import CachedSessionName, cached_sessions
from ingestion.errors import RateLimitReachedError
from ingestion.lineage import FASTF1_VERSION, Lineage
from ingestion.manifest import Manifest, ManifestEntry, cache_fingerprint, should_skip
from ingestion.naming import SESSION_TABLES, TELEMETRY_TABLES
from ingestion.planner import Plan, Planner
from ingestion.progress import RunProgress
from ingestion.selection import SessionKey
from ingestion.settings import IngestionSettings
from ingestion.writer import (
    remove_partition,
    remove_stale_temp_files,
    session_partition,
    staging_dir,
    write_atomic,
)

if TYPE_CHECKING:
    from ingestion.loader import LoadedSession

logger = logging.getLogger(__name__)


@dataclass
class RunRequest:
    seasons: str
    rounds: str
    sessions: str
    telemetry: bool = False
    force: bool = False
    offline: bool = False


@dataclass
class RunReport:
    entries: list[ManifestEntry] = field(default_factory=list)  # sessions loaded this run
    skipped: list[SessionKey] = field(default_factory=list)  # done before: no load
    unavailable: list[SessionKey] = field(default_factory=list)  # known without a load
    stopped_by_rate_limit: str | None = None

    @property
    def failed(self) -> list[ManifestEntry]:
        return [e for e in self.entries if e.status == "failed"]


class Ingestor:
    """Runs ingestion for one settings object (data root, cache, offline)."""

    def __init__(self, settings: IngestionSettings) -> None:
        self.settings = settings
        self.staging = staging_dir(settings.layout.bronze)
        self.manifest = Manifest(settings.layout.manifest, self.staging)
        self.planner = Planner(
            settings.layout.bronze_table("events"), self.staging, self._ensure_fastf1
        )
        self.cache_names: dict[SessionKey, CachedSessionName] = {}
        self.starts_at: dict[SessionKey, dt.datetime] = {}
        self._fastf1_offline: bool | None = None  # how Fast-F1 is configured; None = not yet

    def _ensure_fastf1(self, offline: bool) -> None:
        """Configure Fast-F1 (cache, offline mode, logs) before its first call only."""
        if self._fastf1_offline != offline:
            from ingestion import loader  # imports Fast-F1: only when something must be loaded

            loader.configure_fastf1(self.settings.cache_dir, offline=offline)
            self._fastf1_offline = offline

    def plan(self, request: RunRequest) -> list[SessionKey]:
        """Validate the request and list its sessions (only schedules are read, no session)."""
        plan: Plan = self.planner.plan(
            request.seasons,
            request.rounds,
            request.sessions,
            refresh=request.force,
            offline=request.offline,
        )
        self.cache_names.update(plan.cache_names)
        self.starts_at.update(plan.starts_at)
        return plan.keys

    def run(self, request: RunRequest, keys: list[SessionKey]) -> RunReport:
        remove_stale_temp_files(self.staging)
        fingerprint = cache_fingerprint(self.settings.cache_dir) if request.offline else None
        held = cached_sessions(self.settings.cache_dir) if request.offline else None
        previous_runs = self.manifest.read_previous_runs()
        report = RunReport()
        with RunProgress(total=len(keys)) as progress:
            for key in keys:
                previous = previous_runs.get(key)
                if not request.force and should_skip(previous, telemetry=request.telemetry):
                    report.skipped.append(key)
                    progress.skip(key)
                    continue
                reason = self._unavailable_without_load(key, held)
                if reason is not None:
                    report.unavailable.append(key)
                    if previous is None or previous.status != "unavailable":
                        self.manifest.write(
                            self._unavailable_entry(key, reason, request, fingerprint)
                        )
                    progress.skip(key)
                    continue
                try:
                    entry = self.ingest_session(key, request, fingerprint, progress)
                except RateLimitReachedError as stop:
                    report.stopped_by_rate_limit = str(stop)
                    break
                report.entries.append(entry)
                progress.done(key, entry.status)
        return report

    def ingest_session(
        self, key: SessionKey, request: RunRequest, fingerprint: str | None, progress: RunProgress
    ) -> ManifestEntry:
        from ingestion import loader  # Fast-F1 and pandas: imported once a load is needed

        started = time.perf_counter()
        lineage = Lineage.now(offline=request.offline)
        entry = ManifestEntry(
            key=key,
            status="failed",
            fastf1_version=FASTF1_VERSION,
            ingested_at=lineage.ingested_at,
            offline=request.offline,
            cache_fingerprint=fingerprint,
        )
        try:
            progress.start(key, steps=1 + len(SESSION_TABLES))
            self._ensure_fastf1(request.offline)
            loaded = loader.load_session(key, telemetry=request.telemetry)
            progress.advance(key)
            if not loaded.available and not request.offline:
                entry.status = "unavailable"
                entry.error = "Fast-F1 has no data for this session (not run yet / not held)"
            else:
                entry.rows = self._write_tables(key, loaded, lineage, request, progress)
                has_data = any(n for t, n in entry.rows.items() if t != "sessions")
                entry.status = "ok" if has_data else "no_data"
        except RateLimitReachedError:
            raise
        except Exception as exc:  # recorded per the error policy; the run goes on
            logger.warning("session %s failed: %s", key, exc)
            entry.status = "failed"
            entry.error = f"{type(exc).__name__}: {exc}"
        entry.seconds = time.perf_counter() - started
        self.manifest.write(entry)  # last: a kill before this line means "not done yet"
        return entry

    def _write_tables(
        self,
        key: SessionKey,
        loaded: LoadedSession,
        lineage: Lineage,
        request: RunRequest,
        progress: RunProgress,
    ) -> dict[str, int | None]:
        from ingestion.tables import frame_to_table, info_to_table

        rows: dict[str, int | None] = {}
        tables = SESSION_TABLES + (TELEMETRY_TABLES if request.telemetry else ())
        for table_name in tables:
            if table_name == "sessions":
                table = info_to_table(loaded.info, lineage)
            else:
                frame = loaded.frames.get(table_name)
                if frame is None or len(frame) == 0:
                    rows[table_name] = None  # no data: no file (one left by an earlier run goes)
                    remove_partition(self._partition(table_name, key))
                    progress.advance(key)
                    continue
                table = frame_to_table(frame, lineage, table_name)
            write_atomic(table, self._partition(table_name, key), self.staging)
            rows[table_name] = table.num_rows
            progress.advance(key)
        return rows

    def _partition(self, table_name: str, key: SessionKey) -> Path:
        return session_partition(self.settings.layout.bronze_table(table_name), key)

    def _unavailable_without_load(
        self, key: SessionKey, held: frozenset[CachedSessionName] | None
    ) -> str | None:
        """Why Fast-F1 cannot have the session, known without loading it; None if it may."""
        name = self.cache_names.get(key)
        if held is not None and name is not None and name not in held:
            return "not in the offline Fast-F1 cache"
        starts_at = self.starts_at.get(key)
        if starts_at is not None and starts_at > dt.datetime.now(dt.UTC).replace(tzinfo=None):
            return f"not run yet (starts {starts_at:%Y-%m-%d %H:%M} UTC)"
        return None

    @staticmethod
    def _unavailable_entry(
        key: SessionKey, reason: str, request: RunRequest, fingerprint: str | None
    ) -> ManifestEntry:
        return ManifestEntry(
            key=key,
            status="unavailable",
            error=reason,
            fastf1_version=FASTF1_VERSION,
            offline=request.offline,
            cache_fingerprint=fingerprint,
        )
