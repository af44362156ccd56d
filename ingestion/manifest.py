"""The ingestion manifest: one small Parquet entry per session under `bronze/_manifest/`.

Query it with DuckDB:
    select * from read_parquet('<root>/bronze/_manifest/**/*.parquet', hive_partitioning=true)
It is read BEFORE Fast-F1 is called, so an already-ingested session costs no load.
Each entry also holds every written file's fingerprint (`<table>_bytes`, `<table>_mtime_ns`,
`<table>_rows`), which the transform compares with the files it reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from f1lake.bronze_contract import Fingerprint, read_fingerprint
from ingestion.naming import SESSION_TABLES, TELEMETRY_TABLES
from ingestion.selection import SessionKey
from ingestion.writer import PART_NAME, session_partition, write_atomic

STATUSES = ("ok", "no_data", "unavailable", "failed")
DONE_STATUSES = frozenset({"ok", "no_data"})
ALL_TABLES = SESSION_TABLES + TELEMETRY_TABLES


@dataclass
class ManifestEntry:
    key: SessionKey
    status: str
    rows: dict[str, int | None] = field(default_factory=dict)  # None = no data for the table
    error: str | None = None
    seconds: float = 0.0
    fastf1_version: str = ""
    ingested_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    offline: bool = False
    cache_fingerprint: str | None = None
    files: dict[str, Fingerprint] = field(default_factory=dict)  # filled by Manifest.write

    def to_table(self) -> pa.Table:
        columns: dict[str, pa.Array] = {
            "status": pa.array([self.status]),
            "error": pa.array([self.error], pa.string()),
            "seconds": pa.array([round(self.seconds, 3)], pa.float64()),
            "fastf1_version": pa.array([self.fastf1_version]),
            "ingested_at": pa.array([self.ingested_at], pa.timestamp("us", tz="UTC")),
            "offline": pa.array([self.offline]),
            "cache_fingerprint": pa.array([self.cache_fingerprint], pa.string()),
        }
        for table in ALL_TABLES:
            columns[f"{table}_rows"] = pa.array([self.rows.get(table)], pa.int64())
            file = self.files.get(table)
            columns[f"{table}_bytes"] = pa.array([file and file.bytes], pa.int64())
            columns[f"{table}_mtime_ns"] = pa.array([file and file.mtime_ns], pa.int64())
        columns["no_data_tables"] = pa.array(
            [[t for t, n in self.rows.items() if n is None]], pa.list_(pa.string())
        )
        return pa.table(columns)


@dataclass(frozen=True)
class PreviousRun:
    """What the manifest says of a session's last run."""

    status: str
    with_telemetry: bool  # telemetry was asked for: car_data has rows or was no_data


class Manifest:
    """Reads and writes manifest entries (each written atomically, after the session's data)."""

    def __init__(self, directory: Path, staging: Path) -> None:
        self.directory = directory
        self.staging = staging

    def path(self, key: SessionKey) -> Path:
        return session_partition(self.directory, key) / PART_NAME

    def read(self, key: SessionKey) -> dict[str, object] | None:
        path = self.path(key)
        if not path.is_file():
            return None
        return pq.read_table(path).to_pylist()[0]

    def read_previous_runs(self) -> dict[SessionKey, PreviousRun]:
        """Every session's last run in one DuckDB scan: cheap even for thousands of sessions."""
        if not any(self.directory.glob("season=*/round=*/session=*/" + PART_NAME)):
            return {}
        pattern = str(self.directory / "season=*" / "round=*" / "session=*" / PART_NAME)
        with duckdb.connect() as con:
            rows = con.execute(
                "select season::int, round::int, session::varchar, status, "
                "car_data_rows is not null or list_contains(no_data_tables, 'car_data') "
                "from read_parquet(?, hive_partitioning = true)",
                [pattern],
            ).fetchall()
        return {
            SessionKey(season, rnd, code): PreviousRun(status, bool(telemetry))
            for season, rnd, code, status, telemetry in rows
        }

    def write(self, entry: ManifestEntry) -> None:
        """Write the entry, with the fingerprint of each of the session's bronze files."""
        bronze = self.directory.parent
        for table, rows in entry.rows.items():
            path = session_partition(bronze / table, entry.key) / PART_NAME
            if rows is not None and path.is_file() and table not in entry.files:
                entry.files[table] = read_fingerprint(path)[0]
        write_atomic(entry.to_table(), session_partition(self.directory, entry.key), self.staging)


def cache_fingerprint(cache_dir: Path) -> str | None:
    """A digest of the keys in Fast-F1's HTTP cache: equal digests = same cached responses."""
    database = cache_dir / "fastf1_http_cache.sqlite"
    if not database.is_file():
        return None
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
        keys = con.execute("select key from responses order by key").fetchall()
    digest = hashlib.sha256()
    for (key,) in keys:
        digest.update(key.encode())
    return digest.hexdigest()


def should_skip(previous: PreviousRun | None, *, telemetry: bool) -> bool:
    """Skip a session already done (ok / no_data); unavailable and failed ones are retried, and
    so is one done without telemetry when telemetry is asked for now."""
    if previous is None or previous.status not in DONE_STATUSES:
        return False
    return previous.with_telemetry or not telemetry
