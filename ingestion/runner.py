"""Orchestrates one ingestion run: plan, skip what the manifest has, load, write, summarise."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field

import pandas as pd
import pyarrow.parquet as pq

from ingestion import loader
from ingestion.errors import RateLimitReachedError
from ingestion.manifest import Manifest, ManifestEntry, cache_fingerprint, should_skip
from ingestion.naming import SESSION_TABLES, TELEMETRY_TABLES, snake_case
from ingestion.progress import RunProgress
from ingestion.selection import (
    SessionKey,
    check_rounds_exist,
    parse_rounds,
    parse_seasons,
    parse_sessions,
)
from ingestion.settings import IngestionSettings
from ingestion.tables import Lineage, frame_to_table, info_to_table
from ingestion.writer import (
    PART_NAME,
    remove_stale_temp_files,
    season_partition,
    session_partition,
    staging_dir,
    write_atomic,
)

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
    entries: list[ManifestEntry] = field(default_factory=list)
    skipped: list[SessionKey] = field(default_factory=list)
    stopped_by_rate_limit: str | None = None

    @property
    def failed(self) -> list[ManifestEntry]:
        return [e for e in self.entries if e.status == "failed"]


class Ingestor:
    """Runs ingestion for one settings object (data root, cache, offline)."""

    def __init__(self, settings: IngestionSettings) -> None:
        self.settings = settings
        self.bronze = settings.layout.bronze
        self.staging = staging_dir(self.bronze)
        self.manifest = Manifest(settings.layout.manifest, self.staging)

    def plan(self, request: RunRequest) -> list[SessionKey]:
        """Validate the request and list its sessions (only schedules are read, no session)."""
        seasons = parse_seasons(request.seasons)
        rounds = parse_rounds(request.rounds)
        codes = parse_sessions(request.sessions)
        loader.configure_fastf1(self.settings.cache_dir, offline=request.offline)
        keys: list[SessionKey] = []
        for season in seasons:
            schedule = self.schedule(season, refresh=request.force)
            available = sorted(int(r) for r in schedule["round_number"])
            by_round = {int(row["round_number"]): row for _, row in schedule.iterrows()}
            for round_number in check_rounds_exist(season, rounds, available):
                weekend = weekend_codes(by_round[round_number])
                keys += [SessionKey(season, round_number, c) for c in codes if c in weekend]
        return keys

    def schedule(self, season: int, *, refresh: bool) -> pd.DataFrame:
        """The season's schedule from bronze when present, else from Fast-F1 (then stored)."""
        directory = season_partition(self.settings.layout.bronze_table("events"), season)
        stored = directory / PART_NAME
        if stored.is_file() and not refresh:
            return pq.read_table(stored).to_pandas()
        frame = loader.load_schedule(season)
        table = frame_to_table(frame, self._lineage(offline=self.settings.ingest_offline))
        write_atomic(table, directory, self.staging)
        return table.to_pandas()

    def run(self, request: RunRequest, keys: list[SessionKey]) -> RunReport:
        remove_stale_temp_files(self.staging)
        fingerprint = cache_fingerprint(self.settings.cache_dir) if request.offline else None
        report = RunReport()
        with RunProgress(total=len(keys)) as progress:
            for key in keys:
                previous = self.manifest.read(key)
                if not request.force and should_skip(
                    previous, offline=request.offline, fingerprint=fingerprint
                ):
                    report.skipped.append(key)
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
        started = time.perf_counter()
        lineage = self._lineage(offline=request.offline)
        entry = ManifestEntry(
            key=key,
            status="failed",
            fastf1_version=loader.FASTF1_VERSION,
            ingested_at=lineage.ingested_at,
            offline=request.offline,
            cache_fingerprint=fingerprint,
        )
        try:
            progress.start(key, steps=1 + len(SESSION_TABLES))
            loaded = loader.load_session(key, telemetry=request.telemetry)
            progress.advance(key)
            if not loaded.available:
                entry.status = "unavailable"
                entry.error = "Fast-F1 has no data for this session (not in cache / not held)"
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
        self.manifest.write(entry)
        return entry

    def _write_tables(
        self,
        key: SessionKey,
        loaded: loader.LoadedSession,
        lineage: Lineage,
        request: RunRequest,
        progress: RunProgress,
    ) -> dict[str, int | None]:
        rows: dict[str, int | None] = {}
        tables = SESSION_TABLES + (TELEMETRY_TABLES if request.telemetry else ())
        for table_name in tables:
            if table_name == "sessions":
                table = info_to_table(loaded.info, lineage)
            else:
                frame = loaded.frames.get(table_name)
                if frame is None or len(frame) == 0:
                    rows[table_name] = None
                    progress.advance(key)
                    continue
                table = frame_to_table(frame, lineage)
            directory = session_partition(self.settings.layout.bronze_table(table_name), key)
            write_atomic(table, directory, self.staging)
            rows[table_name] = table.num_rows
            progress.advance(key)
        return rows

    @staticmethod
    def _lineage(*, offline: bool) -> Lineage:
        return Lineage(
            ingested_at=dt.datetime.now(dt.UTC),
            fastf1_version=loader.FASTF1_VERSION,
            source="fastf1:offline-cache" if offline else "fastf1:api",
        )


def weekend_codes(event: pd.Series) -> list[str]:
    """The session codes of one weekend from a (snake_case) schedule row."""
    renamed = pd.Series({f"Session{i}": event.get(snake_case(f"Session{i}")) for i in range(1, 6)})
    return loader.weekend_codes(renamed)
