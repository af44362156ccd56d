"""The read side of the bronze contracts: every bronze file checked before silver reads it.

Run by the dbt model `lake.bronze_files` (transform/models/lake/bronze_files.py) at the start of
every build, full or incremental, so a plain `dbt build` checks too. Per file, only the footer is
read (cheap): a file that is not readable Parquet (e.g. truncated), whose columns or types differ
from its table's contract, or whose size / row count differ from the fingerprint the ingestion
recorded in the manifest, fails the build with one message naming every such file. The served
warehouse is never touched (the build-then-swap swaps only after a successful build).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from f1lake import bronze_contract
from f1lake.bronze_contract import BronzeContractError, Fingerprint, fingerprint_columns

_PARTITION = re.compile(r"season=(\d+)(?:/round=(\d+)/session=([A-Za-z0-9]+))?/")
SHOWN = 10  # files named in the error message (the rest are counted)


@dataclass(frozen=True)
class PartitionKey:
    season: int
    round: int | None
    session: str | None


def bronze_files(root: Path) -> list[tuple[str, Path]]:
    """(table, file) for every Parquet file of every contract table, as the sources read them."""
    bronze = root / "bronze"
    return [
        (table, path)
        for table in bronze_contract.TABLES
        for path in sorted((bronze / table).rglob("*.parquet"))
    ]


def manifest_fingerprints(root: Path) -> dict[tuple[PartitionKey, str], Fingerprint]:
    """(partition, table) -> the fingerprint the ingestion recorded (entries that have one)."""
    manifest = root / "bronze" / "_manifest"
    if not any(manifest.glob("season=*/round=*/session=*/*.parquet")):
        return {}
    pattern = (manifest / "season=*" / "round=*" / "session=*" / "*.parquet").as_posix()
    with duckdb.connect() as con:
        entries = con.execute(
            "select * from read_parquet(?, hive_partitioning = true, union_by_name = true)",
            [pattern],
        ).to_arrow_table()
    assert entries is not None
    known: dict[tuple[PartitionKey, str], Fingerprint] = {}
    for row in entries.to_pylist():
        key = PartitionKey(int(row["season"]), int(row["round"]), str(row["session"]))
        for table in bronze_contract.TABLES:
            size, mtime, rows = (row.get(c) for c in fingerprint_columns(table))
            if size is not None and rows is not None:
                known[(key, table)] = Fingerprint(int(size), int(mtime or 0), int(rows))
    return known


def partition_of(path: Path) -> PartitionKey | None:
    match = _PARTITION.search(path.as_posix())
    if match is None:
        return None
    season, rnd, session = match.groups()
    return PartitionKey(int(season), int(rnd) if rnd else None, session)


def _ingested_at(metadata: pq.FileMetaData) -> dt.datetime | None:
    """The newest `ingested_at` in the file, from the footer's column statistics."""
    names = metadata.schema.names
    if "ingested_at" not in names:
        return None
    index = names.index("ingested_at")
    newest = None
    for group in range(metadata.num_row_groups):
        stats = metadata.row_group(group).column(index).statistics
        if stats is not None and stats.has_min_max:
            newest = stats.max if newest is None else max(newest, stats.max)
    return newest


def scan(root: Path) -> pa.Table:
    """One row per bronze file; raises BronzeContractError listing every bad file."""
    recorded = manifest_fingerprints(root)
    rows: list[dict[str, object]] = []
    problems: list[str] = []
    for table, path in bronze_files(root):
        try:
            found, schema = bronze_contract.read_fingerprint(path)
            bronze_contract.check(table, schema, path)
        except BronzeContractError as exc:
            problems.append(str(exc))
            continue
        key = partition_of(path)
        expected = recorded.get((key, table)) if key is not None else None
        if expected is not None and (found.bytes, found.rows) != (expected.bytes, expected.rows):
            problems.append(
                f"bronze file {path} changed since it was ingested ({found.bytes} bytes, "
                f"{found.rows} rows; the manifest recorded {expected.bytes} bytes, "
                f"{expected.rows} rows)"
            )
            continue
        rows.append({
            "bronze_table": table,
            "file_path": path.as_posix(),
            "season": key.season if key else None,
            "round": key.round if key else None,
            "session_code": key.session if key else None,
            "file_bytes": found.bytes,
            "modified_at": dt.datetime.fromtimestamp(found.mtime_ns / 1e9, dt.UTC),
            "row_count": found.rows,
            "ingested_at": _ingested_at(pq.read_metadata(path)),
            "matches_manifest": None if expected is None else found.mtime_ns == expected.mtime_ns,
        })  # fmt: skip
    if problems:
        more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
        raise BronzeContractError(
            f"{len(problems)} bad bronze file(s){more}: "
            + " | ".join(problems[:SHOWN])
            + ". Re-ingest the session(s) with `python -m ingestion run ... --force`, or run "
            "`python -m ingestion migrate-bronze` for bronze written by an older version."
        )
    return pa.Table.from_pylist(rows, schema=SCAN_SCHEMA)


SCAN_SCHEMA = pa.schema([
    ("bronze_table", pa.string()),
    ("file_path", pa.string()),
    ("season", pa.int32()),
    ("round", pa.int32()),
    ("session_code", pa.string()),
    ("file_bytes", pa.int64()),
    ("modified_at", pa.timestamp("us", tz="UTC")),
    ("row_count", pa.int64()),
    ("ingested_at", pa.timestamp("us", tz="UTC")),
    ("matches_manifest", pa.bool_()),
])  # fmt: skip
