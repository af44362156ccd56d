"""One history run: seasons from a CSV dump or from Jolpica, written season by season.

Per season: every season table is written to `bronze/history/<table>/season=YYYY/` (atomically,
with the shared writer; a table with no rows has no file), then the dimension files, then the
season's manifest entry. Re-running is idempotent: the CSV path skips a season whose rows have
the digest the manifest records; the online path skips seasons recorded `ok` (complete) without
a request, and re-reads the rest, whose earlier responses are served by the Fast-F1 cache.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ingestion.errors import RateLimitReachedError
from ingestion.history.manifest import DIMENSIONS_SEASON, HistoryEntry, HistoryManifest
from ingestion.history.schema import (
    DIMENSION_KEYS,
    DIMENSION_TABLES,
    SEASON_KEYS,
    SEASON_TABLES,
    conform,
    from_rows,
    keep_ergast_ids,
    lineage_for,
)
from ingestion.lineage import Lineage
from ingestion.progress import RunProgress
from ingestion.selection import SessionKey
from ingestion.settings import IngestionSettings
from ingestion.tables import add_lineage
from ingestion.writer import (
    PART_NAME,
    remove_partition,
    remove_stale_temp_files,
    season_partition,
    staging_dir,
    write_atomic,
)

logger = logging.getLogger(__name__)

CSV_SOURCE, API_SOURCE, OFFLINE_SOURCE = "ergast:csv", "ergast:jolpica", "ergast:offline-cache"


class HistoryKey(SessionKey):
    """A season of history, shown by the shared progress display."""

    def __str__(self) -> str:
        return f"history {self.season}"


def history_key(season: int) -> HistoryKey:
    return HistoryKey(season, 0, "history")


@dataclass
class HistoryReport:
    entries: list[HistoryEntry] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    stopped_by_rate_limit: str | None = None

    @property
    def failed(self) -> list[HistoryEntry]:
        return [e for e in self.entries if e.status == "failed"]


class HistoryIngestor:
    def __init__(self, settings: IngestionSettings) -> None:
        self.settings = settings
        self.base = settings.layout.history
        self.staging = staging_dir(settings.layout.bronze)
        self.manifest = HistoryManifest(self.base / "_manifest", self.staging)

    # -- CSV ---------------------------------------------------------------------------------
    def run_csv(self, folder: Path, seasons: list[int] | None, *, force: bool) -> HistoryReport:
        from ingestion.history.csv_source import read_dump

        tables = read_dump(folder)  # bad dump: SelectionError before anything is written
        remove_stale_temp_files(self.staging)
        all_seasons = sorted(set(tables["races"].column("season").to_pylist()))
        wanted = [s for s in all_seasons if seasons is None or s in seasons]
        previous = self.manifest.read_all()
        report = HistoryReport()
        lineage = lineage_for(CSV_SOURCE)
        with RunProgress(total=len(wanted) + 1) as progress:
            dims = {name: tables[name] for name in DIMENSION_TABLES}
            self._write_dimensions(dims, lineage, force=force, replace=True)
            progress.skip(history_key(DIMENSIONS_SEASON))
            for season in wanted:
                key = history_key(season)
                started = time.perf_counter()
                parts = {
                    name: _season_rows(data, season)
                    for name, data in tables.items()
                    if name in SEASON_TABLES
                }
                digest = _digest(parts)
                last = previous.get(season)
                if not force and last is not None and last.done and last.digest == digest:
                    report.skipped.append(season)
                    progress.skip(key)
                    continue
                progress.start(key, steps=len(SEASON_TABLES))
                entry = self._write_season(season, parts, lineage, CSV_SOURCE, digest, progress)
                entry.seconds = time.perf_counter() - started
                self.manifest.write(entry)
                report.entries.append(entry)
                progress.done(key, entry.status)
        return report

    # -- online ------------------------------------------------------------------------------
    def run_online(
        self, seasons: list[int], *, force: bool, offline: bool, lap_times: bool
    ) -> HistoryReport:
        from ingestion.history.api_source import ErgastFetcher
        from ingestion.loader import configure_fastf1

        configure_fastf1(self.settings.cache_dir, offline=offline)
        fetcher = ErgastFetcher(lap_times=lap_times)
        remove_stale_temp_files(self.staging)
        source = OFFLINE_SOURCE if offline else API_SOURCE
        previous = self.manifest.read_all()
        report = HistoryReport()
        with RunProgress(total=len(seasons)) as progress:
            for season in seasons:
                key = history_key(season)
                last = previous.get(season)
                if not force and last is not None and last.done:
                    report.skipped.append(season)
                    progress.skip(key)
                    continue
                started = time.perf_counter()
                progress.start(key, steps=len(SEASON_TABLES) + 1)
                try:
                    fetched = fetcher.fetch(season)
                except RateLimitReachedError as stop:
                    report.stopped_by_rate_limit = str(stop)
                    break
                progress.advance(key)
                lineage = lineage_for(source)
                parts = {
                    name: from_rows(name, fetched.rows.get(name, []), with_season=True)
                    for name in SEASON_TABLES
                }
                parts["races"] = self._keep_race_ids(season, parts["races"])
                if not fetched.rows.get("races"):
                    entry = HistoryEntry(season, "unavailable", source, error="no schedule")
                else:
                    entry = self._write_season(season, parts, lineage, source, None, progress)
                    dims = {
                        name: from_rows(name, fetched.dimensions.get(name, []), with_season=False)
                        for name in DIMENSION_TABLES
                    }
                    self._write_dimensions(dims, lineage, force=True, replace=False)
                    if entry.status == "ok" and not fetched.complete:
                        entry.status = "partial"
                        entry.error = _partial_reason(fetched.missing, fetched.not_run)
                entry.seconds = time.perf_counter() - started
                self.manifest.write(entry)
                report.entries.append(entry)
                progress.done(key, entry.status)
        return report

    # -- writing -----------------------------------------------------------------------------
    def _write_season(
        self,
        season: int,
        parts: dict[str, pa.Table],
        lineage: Lineage,
        source: str,
        digest: str | None,
        progress: RunProgress,
    ) -> HistoryEntry:
        entry = HistoryEntry(season, "failed", source, digest=digest)
        try:
            for name in SEASON_TABLES:
                directory = season_partition(self.base / name, season)
                data = parts.get(name)
                if data is None or data.num_rows == 0:
                    entry.rows[name] = None
                    remove_partition(directory)
                else:
                    table = add_lineage(_sorted(data.drop(["season"]), name), lineage)
                    write_atomic(table, directory, self.staging)
                    entry.rows[name] = table.num_rows
                progress.advance(history_key(season))
            entry.status = "ok"
        except OSError as exc:  # recorded; the run goes on with the next season
            logger.warning("history season %d failed: %s", season, exc)
            entry.error = f"{type(exc).__name__}: {exc}"
        return entry

    def _write_dimensions(
        self,
        dims: dict[str, pa.Table],
        lineage: Lineage,
        *,
        force: bool,
        replace: bool,
    ) -> None:
        """Dimension files `bronze/history/<table>/part-0.parquet`; online, rows are merged into
        what is there (by reference; the newer response wins)."""
        merged = dims if replace else {n: self._merge_dimension(n, t) for n, t in dims.items()}
        digest = _digest(merged)
        last = self.manifest.read(DIMENSIONS_SEASON)
        if not force and last is not None and last.get("digest") == digest:
            return
        for name, data in merged.items():
            key = DIMENSION_KEYS[name]
            table = add_lineage(data.sort_by(key), lineage)
            write_atomic(table, self.base / name, self.staging)
        entry = HistoryEntry(DIMENSIONS_SEASON, "ok", lineage.source, digest=digest)
        self.manifest.write(entry)

    def _merge_dimension(self, name: str, new: pa.Table) -> pa.Table:
        path = self.base / name / PART_NAME
        if not path.is_file():
            return new
        old = conform(name, pq.read_table(path), with_season=False)
        key = DIMENSION_KEYS[name]
        new = keep_ergast_ids(name, old, new, (key,))  # the API has no ids: keep the dump's
        kept = old.filter(pc.invert(pc.is_in(old.column(key), value_set=new.column(key))))
        return pa.concat_tables([kept, new])

    def _keep_race_ids(self, season: int, races: pa.Table) -> pa.Table:
        """The season's races from the API with the raceId an earlier (CSV) write recorded."""
        path = season_partition(self.base / "races", season) / PART_NAME
        if not path.is_file():
            return races
        old = pq.read_table(path)
        return keep_ergast_ids("races", old, races, ("round", "circuit_ref"))


def _season_rows(data: pa.Table, season: int) -> pa.Table:
    return data.filter(pc.equal(data.column("season"), season))


def _sorted(data: pa.Table, name: str) -> pa.Table:
    return data.sort_by([(column, "ascending") for column in SEASON_KEYS[name]])


def _digest(parts: dict[str, pa.Table]) -> str:
    """A digest of the rows (not of the lineage): equal digests = the same bronze content."""
    digest = hashlib.sha256()
    for name in sorted(parts):
        data = parts[name]
        keys = SEASON_KEYS.get(name) or (DIMENSION_KEYS[name],)
        data = data.sort_by([(k, "ascending") for k in keys])
        digest.update(name.encode())
        for batch in _ipc_chunks(data):
            digest.update(batch)
    return digest.hexdigest()


def _ipc_chunks(data: pa.Table) -> Iterator[bytes]:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema) as writer:
        writer.write_table(data)
    yield sink.getvalue().to_pybytes()


def _partial_reason(missing: list[str], not_run: int) -> str:
    reasons = []
    if not_run:
        reasons.append(f"{not_run} race(s) not run yet")
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        reasons.append(f"{len(missing)} request(s) not available: {shown}")
    return "; ".join(reasons)
