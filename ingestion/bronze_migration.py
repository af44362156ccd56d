"""`python -m ingestion migrate-bronze`: rewrite bronze written before the bronze contracts.

Older bronze stored Fast-F1's timedeltas as Parquet INT64 nanoseconds with an Arrow `duration`
type and its datetimes as TIMESTAMP(NANOS), which Spark cannot read. Each file that does not
match its contract is rewritten in place (atomically, lineage kept) in the contract's types, and
the session's manifest entry gets the new files' fingerprints. The schedule (`events`) is read
again from Fast-F1's cache instead: the old files lost each event's own local time zone.
Files already in the contract are left alone, so running it twice changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from f1lake import bronze_contract
from f1lake.bronze_contract import LINEAGE, BronzeContractError
from ingestion.errors import IngestionError
from ingestion.selection import SessionKey
from ingestion.writer import PART_NAME, session_partition, staging_dir, write_atomic

logger = logging.getLogger(__name__)


class MigrationError(IngestionError):
    """A bronze file could not be migrated (nothing else is changed for it)."""


@dataclass
class MigrationReport:
    rewritten: list[Path] = field(default_factory=list)
    current: int = 0  # files already in the contract
    manifest_entries: int = 0


def migrate_bronze(bronze: Path, cache_dir: Path) -> MigrationReport:
    """Rewrite every bronze file that breaks its contract; see the module docstring."""
    report = MigrationReport()
    staging = staging_dir(bronze)
    touched: set[SessionKey] = set()
    for table in bronze_contract.FASTF1_TABLES:
        for path in sorted((bronze / table).rglob("*.parquet")):
            try:
                schema = pq.read_schema(path)
            except (OSError, pa.ArrowException) as exc:
                raise MigrationError(
                    f"bronze file {path} is not readable Parquet: {exc}; "
                    "re-ingest its session with --force"
                ) from exc
            if not bronze_contract.schema_problems(table, schema):
                report.current += 1
                continue
            if table == "events":
                _reload_schedule(path, staging, cache_dir)
            else:
                write_atomic(_converted(table, path), path.parent, staging)
                touched.add(_session_key(path))
            report.rewritten.append(path)
            logger.debug("migrated %s", path)
    for key in sorted(touched, key=str):
        if _refresh_manifest_fingerprints(bronze, key, staging):
            report.manifest_entries += 1
    return report


def _converted(table: str, path: Path) -> pa.Table:
    """An older file's data in the contract's types, with its own lineage kept."""
    from ingestion.tables import conform, to_contract_type

    old = pq.read_table(path)
    columns = {name: old.column(name) for name in old.column_names}
    try:
        data = conform(table, columns, old.num_rows)
        for column in LINEAGE:
            if column.name not in columns:
                raise BronzeContractError(f"no lineage column {column.name}")
            data = data.append_column(column.name, to_contract_type(columns[column.name], column))
    except BronzeContractError as exc:
        raise MigrationError(
            f"cannot migrate bronze file {path}: {exc}; re-ingest its session with --force"
        ) from exc
    return data


def _reload_schedule(path: Path, staging: Path, cache_dir: Path) -> None:
    from ingestion import loader, tables
    from ingestion.lineage import Lineage

    season = int(path.parent.name.removeprefix("season="))
    try:
        loader.configure_fastf1(cache_dir, offline=True)
        schedule = loader.load_schedule(season)
    except Exception as exc:  # Fast-F1 raises many kinds; the message says what to do
        raise MigrationError(
            f"cannot migrate bronze file {path}: the {season} schedule is not in the Fast-F1 "
            f"cache {cache_dir} ({exc}); run `python -m ingestion run --season {season} "
            "--force` online"
        ) from exc
    table = tables.frame_to_table(schedule, Lineage.now(offline=True), "events")
    write_atomic(table, path.parent, staging)


def _session_key(path: Path) -> SessionKey:
    session, rnd, season = (p.split("=", 1)[1] for p in path.parent.parts[-1:-4:-1])
    return SessionKey(int(season), int(rnd), session)


def _refresh_manifest_fingerprints(bronze: Path, key: SessionKey, staging: Path) -> bool:
    """Give the session's manifest entry the fingerprints of its (rewritten) files."""
    entry_path = session_partition(bronze / "_manifest", key) / PART_NAME
    if not entry_path.is_file():
        return False
    entry = pq.read_table(entry_path)
    for table in bronze_contract.FASTF1_TABLES:
        file = session_partition(bronze / table, key) / PART_NAME
        if not file.is_file():
            continue
        found = bronze_contract.read_fingerprint(file)[0]
        size_column, mtime_column, rows_column = bronze_contract.fingerprint_columns(table)
        for name, value in (
            (size_column, found.bytes),
            (mtime_column, found.mtime_ns),
            (rows_column, found.rows),
        ):
            values = pa.array([value] * entry.num_rows, pa.int64())
            if name in entry.column_names:
                entry = entry.set_column(entry.column_names.index(name), name, values)
            else:
                entry = entry.append_column(name, values)
    write_atomic(entry, entry_path.parent, staging)
    return True
