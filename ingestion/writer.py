"""Crash-safe Parquet writes: temporary file, fsync, atomic rename into the partition."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingestion.selection import SessionKey

logger = logging.getLogger(__name__)

PART_NAME = "part-0.parquet"
TEMP_PREFIX = ".tmp-"


def session_partition(base: Path, key: SessionKey) -> Path:
    """`<base>/season=YYYY/round=RR/session=CODE` (round zero-padded)."""
    return base / f"season={key.season}" / f"round={key.round:02d}" / f"session={key.code}"


def season_partition(base: Path, season: int) -> Path:
    return base / f"season={season}"


def write_atomic(table: pa.Table, directory: Path) -> Path:
    """Write `table` as `directory/part-0.parquet`, never leaving a partial file visible.

    The data goes to a hidden temporary file in the same directory (not matched by
    `*.parquet` globs), is fsynced, then renamed over the final name in one step.
    """
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / PART_NAME
    temp = directory / f"{TEMP_PREFIX}{os.getpid()}-{PART_NAME}.partial"
    try:
        with temp.open("wb") as handle:
            pq.write_table(table, handle, compression="zstd")
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(directory)
    return final


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temp_files(root: Path) -> int:
    """Delete temporary files left by a killed run; returns how many were removed."""
    removed = 0
    if root.is_dir():
        for temp in root.rglob(f"{TEMP_PREFIX}*"):
            temp.unlink(missing_ok=True)
            removed += 1
    if removed:
        logger.info("removed %d temporary file(s) left by an interrupted run", removed)
    return removed
