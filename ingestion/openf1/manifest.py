"""The OpenF1 manifest: one entry per session under `bronze/openf1/_manifest/`.

The Fast-F1 manifest's rules (ingestion.manifest): written atomically with the shared writer
AFTER the session's files, so a kill means "not done"; `ok` (rows beyond the session's own
row) and `no_data` (OpenF1 lists the session but has nothing else for it) are final, `failed`
is retried. Each written file's fingerprint (`<endpoint>_bytes`, `_mtime_ns`, `_rows`) is
recorded, and the transform compares the files it reads with it (transform/bronze_check.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from f1lake.bronze_contract import OPENF1_PREFIX, fingerprint_columns, read_fingerprint
from ingestion.lineage import FASTF1_VERSION
from ingestion.manifest import DONE_STATUSES
from ingestion.openf1.rows import ENDPOINTS
from ingestion.selection import SessionKey
from ingestion.writer import PART_NAME, session_partition, write_atomic

SESSION_TABLES = tuple(e for e in ENDPOINTS if e != "meetings")  # meetings: event grain


@dataclass
class OpenF1Entry:
    key: SessionKey
    status: str
    source: str
    session_key: int | None = None
    rows: dict[str, int | None] = field(default_factory=dict)  # None = no rows, no file
    error: str | None = None
    seconds: float = 0.0
    ingested_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def to_table(self, bronze: Path) -> pa.Table:
        columns: dict[str, pa.Array] = {
            "status": pa.array([self.status]),
            "source": pa.array([self.source]),
            "session_key": pa.array([self.session_key], pa.int64()),
            "error": pa.array([self.error], pa.string()),
            "seconds": pa.array([round(self.seconds, 3)], pa.float64()),
            "fastf1_version": pa.array([FASTF1_VERSION]),
            "ingested_at": pa.array([self.ingested_at], pa.timestamp("us", tz="UTC")),
        }
        for endpoint in SESSION_TABLES:
            table = OPENF1_PREFIX + endpoint
            path = session_partition(bronze / table, self.key) / PART_NAME
            found = read_fingerprint(path)[0] if self.rows.get(endpoint) else None
            size, mtime, rows = fingerprint_columns(table)
            columns[rows] = pa.array([self.rows.get(endpoint)], pa.int64())
            columns[size] = pa.array([found and found.bytes], pa.int64())
            columns[mtime] = pa.array([found and found.mtime_ns], pa.int64())
        return pa.table(columns)


class OpenF1Manifest:
    def __init__(self, bronze: Path, staging: Path) -> None:
        self.bronze = bronze
        self.directory = bronze / OPENF1_PREFIX / "_manifest"
        self.staging = staging

    def statuses(self) -> dict[SessionKey, str]:
        """Every session's last status in one DuckDB scan."""
        pattern = str(self.directory / "season=*" / "round=*" / "session=*" / PART_NAME)
        if not any(self.directory.glob("season=*/round=*/session=*/" + PART_NAME)):
            return {}
        with duckdb.connect() as con:
            rows = con.execute(
                "select season::int, round::int, session::varchar, status "
                "from read_parquet(?, hive_partitioning = true)",
                [pattern],
            ).fetchall()
        return {SessionKey(s, r, c): status for s, r, c, status in rows}

    def done(self) -> set[SessionKey]:
        return {k for k, status in self.statuses().items() if status in DONE_STATUSES}

    def fastf1_lap_sessions(self) -> set[SessionKey]:
        """Sessions the Fast-F1 manifest (bronze/_manifest) records laps for."""
        fastf1 = self.bronze / "_manifest"
        if not any(fastf1.glob("season=*/round=*/session=*/" + PART_NAME)):
            return set()
        with duckdb.connect() as con:
            rows = con.execute(
                "select season::int, round::int, session::varchar "
                "from read_parquet(?, hive_partitioning = true, union_by_name = true) "
                "where laps_rows > 0",
                [str(fastf1 / "season=*" / "round=*" / "session=*" / PART_NAME)],
            ).fetchall()
        return {SessionKey(s, r, c) for s, r, c in rows}

    def write(self, entry: OpenF1Entry) -> None:
        table = entry.to_table(self.bronze)
        write_atomic(table, session_partition(self.directory, entry.key), self.staging)
