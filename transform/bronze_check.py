"""The read side of the bronze contracts: every bronze file checked before silver reads it.

Run by the dbt model `lake.bronze_files` (transform/models/lake/bronze_files.py) at the start of
every build, full or incremental, so a plain `dbt build` checks too. Per file, only the footer is
read (cheap): a file that is not readable Parquet (e.g. truncated), whose columns or types differ
from its table's contract, or whose size / row count differ from the fingerprint the ingestion
recorded in the manifest, fails the build with one message naming every such file. The served
warehouse is never touched (the build-then-swap swaps only after a successful build).

Skip before work: an incremental build starts from a copy of the served warehouse, whose
`lake.bronze_files` holds the last scan. A file whose size and modification time (ns), whose
manifest entry's size and modification time, and whose table's contract are all unchanged since
that scan keeps its row without its footer being opened again (`stat` only), as `make` decides.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from f1lake import bronze_contract
from f1lake.bronze_contract import BronzeContractError, Fingerprint, fingerprint_columns
from f1lake.settings import DataLayout

_PARTITION = re.compile(r"season=(\d+)(?:/round=(\d+)/session=([A-Za-z0-9]+))?/")
SHOWN = 10  # files named in the error message (the rest are counted)


@dataclass(frozen=True)
class PartitionKey:
    season: int
    round: int | None
    session: str | None


def bronze_files(root: Path) -> list[tuple[str, Path]]:
    """(table, file) for every Parquet file of every contract table, as the sources read them."""
    bronze = DataLayout(root).bronze
    return [
        (table, path)
        for table in bronze_contract.TABLES
        for path in sorted((bronze / table).rglob("*.parquet"))
    ]


def manifest_fingerprints(
    root: Path, key: PartitionKey, folder: str = "_manifest"
) -> dict[str, Fingerprint]:
    """table -> the fingerprint the ingestion recorded for the session (tables that have one),
    from the manifest folder under bronze/ (bronze_contract.manifest_dir)."""
    entry = manifest_entry(root, key, folder)
    tables = [t for t in bronze_contract.TABLES if bronze_contract.manifest_dir(t) == folder]
    if not entry.is_file():
        return {}
    try:
        manifest = pq.ParquetFile(entry)
        wanted = {c for t in tables for c in fingerprint_columns(t)}
        columns = [n for n in manifest.schema_arrow.names if n in wanted]  # ints only: fast
        row = manifest.read(columns=columns).to_pylist()[0]
    except (OSError, pa.ArrowException, IndexError) as exc:
        raise BronzeContractError(f"manifest entry {entry} is not readable: {exc}") from exc
    known = {}
    for table in tables:
        size, mtime, rows = (row.get(c) for c in fingerprint_columns(table))
        if size is not None and rows is not None:
            known[table] = Fingerprint(int(size), int(mtime or 0), int(rows))
    return known


def partition_of(path: Path) -> PartitionKey | None:
    match = _PARTITION.search(path.as_posix())
    if match is None:
        return None
    season, rnd, session = match.groups()
    return PartitionKey(int(season), int(rnd) if rnd else None, session)


def _ingested_at(metadata: pq.FileMetaData) -> dt.datetime | None:
    """The newest `ingested_at` in the file, from the footer's column statistics (the raw
    int64 microseconds: no pandas needed)."""
    names = metadata.schema.names
    if "ingested_at" not in names:
        return None
    index = names.index("ingested_at")
    newest = None
    for group in range(metadata.num_row_groups):
        stats = metadata.row_group(group).column(index).statistics
        if stats is not None and stats.has_min_max:
            newest = stats.max_raw if newest is None else max(newest, stats.max_raw)
    if newest is None:
        return None
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=newest)


def manifest_entry(root: Path, key: PartitionKey, folder: str) -> Path:
    """The manifest entry of one session partition: bronze/<folder>/season=/round=/session=."""
    partition = f"season={key.season}/round={key.round:02d}/session={key.session}"
    return DataLayout(root).bronze / folder / partition / "part-0.parquet"


@functools.cache
def contract_stamp(table: str) -> str:
    """A digest of the table's contract: a scan row is reused only under the same contract."""
    return hashlib.sha256(str(bronze_contract.schema(table)).encode()).hexdigest()[:16]


def _stat_stamp(path: Path) -> str | None:
    """`<bytes>:<mtime_ns>` of a file, None when it does not exist."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def scan_stamp(root: Path, table: str, path: Path, stamps: dict[Path, str | None]) -> str:
    """What a scan row depends on: the file, its manifest entry and its table's contract."""
    key = partition_of(path)
    manifest = None
    if key is not None and key.round is not None:
        entry = manifest_entry(root, key, bronze_contract.manifest_dir(table))
        if entry not in stamps:
            stamps[entry] = _stat_stamp(entry)
        manifest = stamps[entry]
    return f"{_stat_stamp(path)}|{manifest}|{contract_stamp(table)}"


def scan(root: Path, previous: pa.Table | None = None) -> pa.Table:
    """One row per bronze file; raises BronzeContractError listing every bad file. Rows of
    `previous` (the last scan) whose `scan_stamp` still holds are kept without reading the file."""
    recorded: dict[tuple[PartitionKey, str], dict[str, Fingerprint]] = {}
    rows: list[dict[str, object]] = []
    problems: list[str] = []
    stamps: dict[Path, str | None] = {}
    known = _previous_rows(previous)
    kept: list[int] = []  # rows of `previous` still valid
    for table, path in bronze_files(root):
        stamp = scan_stamp(root, table, path, stamps)
        index = known.get((table, path.as_posix(), stamp))
        if index is not None:
            kept.append(index)
            continue
        try:
            found, metadata = bronze_contract.read_fingerprint(path)
            bronze_contract.check(table, metadata.schema.to_arrow_schema(), path)
        except BronzeContractError as exc:
            problems.append(str(exc))
            continue
        key = partition_of(path)
        expected = None
        if key is not None and key.round is not None:
            where = (key, bronze_contract.manifest_dir(table))
            if where not in recorded:
                recorded[where] = manifest_fingerprints(root, *where)
            expected = recorded[where].get(table)
        if expected is not None and (found.bytes, found.rows) != (expected.bytes, expected.rows):
            problems.append(
                f"bronze file {path} changed since it was ingested ({found.bytes} bytes, "
                f"{found.rows} rows; the manifest recorded {expected.bytes} bytes, "
                f"{expected.rows} rows)"
            )
            continue
        matches = None if expected is None else found.mtime_ns == expected.mtime_ns
        rows.append(
            {
                "bronze_table": table,
                "file_path": path.as_posix(),
                "season": key.season if key else None,
                "round": key.round if key else None,
                "session_code": key.session if key else None,
                "file_bytes": found.bytes,
                "modified_at": dt.datetime.fromtimestamp(found.mtime_ns / 1e9, dt.UTC),
                "row_count": found.rows,
                "ingested_at": _ingested_at(metadata),
                "matches_manifest": matches,
                "scan_stamp": stamp,
            }
        )
    if problems:
        more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
        raise BronzeContractError(
            f"{len(problems)} bad bronze file(s){more}: "
            + " | ".join(problems[:SHOWN])
            + ". Re-ingest the session(s) with `python -m ingestion run ... --force`, or run "
            "`python -m ingestion migrate-bronze` for bronze written by an older version."
        )
    scanned = pa.Table.from_pylist(rows, schema=SCAN_SCHEMA)
    if not kept or previous is None:
        return scanned
    return pa.concat_tables([previous.cast(SCAN_SCHEMA).take(kept), scanned])


def _previous_rows(previous: pa.Table | None) -> dict[tuple[str, str, str], int]:
    """(table, file_path, scan_stamp) -> row index in the last scan (empty when there is none
    or it has another shape). Only plain string columns are read: no pandas, no timestamps."""
    if previous is None or previous.schema.names != SCAN_SCHEMA.names:
        return {}
    columns = [previous.column(n).to_pylist() for n in ("bronze_table", "file_path", "scan_stamp")]
    return {(str(t), str(f), str(s)): i for i, (t, f, s) in enumerate(zip(*columns, strict=True))}


SCAN_SCHEMA = pa.schema(
    [
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
        ("scan_stamp", pa.string()),
    ]
)
