"""Crash-safe Parquet writes: temporary file, fsync, atomic rename into the partition.

Every file written under `bronze/<table>/` is first checked against that table's bronze
contract (f1lake/bronze_contract.py): a table with other columns or types is never written.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from f1lake import bronze_contract
from f1lake.atomic import atomic_file, fsync_path
from f1lake.settings import DataLayout
from ingestion.selection import SessionKey

logger = logging.getLogger(__name__)

PART_NAME = "part-0.parquet"


def session_partition(base: Path, key: SessionKey) -> Path:
    """`<base>/season=YYYY/round=RR/session=CODE` (round zero-padded)."""
    return base / f"season={key.season}" / f"round={key.round:02d}" / f"session={key.code}"


def season_partition(base: Path, season: int) -> Path:
    return base / f"season={season}"


def staging_dir(bronze: Path) -> Path:
    return DataLayout(bronze.parent).staging


def write_atomic(table: pa.Table, directory: Path, staging: Path) -> Path:
    """Write `table` as `directory/part-0.parquet`, never leaving a partial file visible.

    The data goes to a temporary file in `staging` (on the same file system, outside the
    published tree), is fsynced, then renamed over the final name in one atomic step. A bronze
    table that breaks its contract raises BronzeContractError (naming the file) unwritten.
    """
    final = directory / PART_NAME
    contract = bronze_contract.table_of(directory, DataLayout(staging.parent).bronze)
    if contract is not None:
        bronze_contract.check(contract, table.schema, final)
    with atomic_file(final, staging=staging) as handle:
        pq.write_table(table, handle, compression="zstd")
    return final


def remove_partition(directory: Path) -> None:
    """Unpublish a partition (one unlink: readers see the old file or none, never a part)."""
    final = directory / PART_NAME
    if final.is_file():
        final.unlink()
        fsync_path(directory)


def remove_stale_temp_files(staging: Path) -> int:
    """Delete temporary files left by a killed run; returns how many were removed."""
    removed = 0
    if staging.is_dir():
        for temp in staging.glob("*.partial"):
            if _writer_alive(temp.name.split("-", 1)[0]):
                continue  # another ingestion running now is writing it
            temp.unlink(missing_ok=True)
            removed += 1
    if removed:
        logger.info("removed %d temporary file(s) left by an interrupted run", removed)
    return removed


def _writer_alive(pid_text: str) -> bool:
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
