"""The history manifest: one Parquet entry per season under `bronze/history/_manifest/`.

Same rules as the Fast-F1 manifest (ingestion.manifest): written atomically with the shared
writer, AFTER the season's partitions, so a kill means "not done". `ok` (a complete season) is
final for the online path; `partial` (races not run yet, or endpoints Fast-F1 could not give,
e.g. offline without a cached response) and `failed` are retried by the next run. The CSV path
records a digest of each season's rows: a dump that gives the same rows writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ingestion.history.schema import SEASON_TABLES
from ingestion.lineage import FASTF1_VERSION
from ingestion.manifest import DONE_STATUSES
from ingestion.writer import PART_NAME, season_partition, write_atomic

DIMENSIONS_SEASON = 0  # the entry of the dimension files


@dataclass
class HistoryEntry:
    season: int
    status: str
    source: str
    rows: dict[str, int | None] = field(default_factory=dict)
    error: str | None = None
    digest: str | None = None
    seconds: float = 0.0
    ingested_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def to_table(self) -> pa.Table:
        columns: dict[str, pa.Array] = {
            "status": pa.array([self.status]),
            "source": pa.array([self.source]),
            "error": pa.array([self.error], pa.string()),
            "digest": pa.array([self.digest], pa.string()),
            "seconds": pa.array([round(self.seconds, 3)], pa.float64()),
            "fastf1_version": pa.array([FASTF1_VERSION]),
            "ingested_at": pa.array([self.ingested_at], pa.timestamp("us", tz="UTC")),
        }
        for table in SEASON_TABLES:
            columns[f"{table}_rows"] = pa.array([self.rows.get(table)], pa.int64())
        return pa.table(columns)


@dataclass(frozen=True)
class PreviousSeason:
    status: str
    source: str
    digest: str | None

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES


class HistoryManifest:
    def __init__(self, directory: Path, staging: Path) -> None:
        self.directory = directory
        self.staging = staging

    def read_all(self) -> dict[int, PreviousSeason]:
        """Every season's last run in one DuckDB scan."""
        if not any(self.directory.glob("season=*/" + PART_NAME)):
            return {}
        pattern = str(self.directory / "season=*" / PART_NAME)
        with duckdb.connect() as con:
            rows = con.execute(
                "select season::int, status, source, digest "
                "from read_parquet(?, hive_partitioning = true)",
                [pattern],
            ).fetchall()
        return {
            season: PreviousSeason(status, source, digest)
            for season, status, source, digest in rows
        }

    def write(self, entry: HistoryEntry) -> None:
        write_atomic(entry.to_table(), season_partition(self.directory, entry.season), self.staging)

    def read(self, season: int) -> dict[str, object] | None:
        path = season_partition(self.directory, season) / PART_NAME
        return pq.read_table(path).to_pylist()[0] if path.is_file() else None
