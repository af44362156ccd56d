"""Warehouse access shared by the dashboard and the copilot.

DuckDB allows one read-write process XOR many read-only ones. The transform therefore never
writes the served file: it builds a fresh file, verifies it and atomically renames it over
`warehouse/f1.duckdb` (see `transform.swap`). Readers open short-lived read-only connections;
a connection opened before a swap keeps reading the old (complete) file, one opened after it
reads the new one. Nobody ever sees a half-built warehouse.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import duckdb

SERVED_LAYERS = ("silver", "gold")


class WarehouseMissingError(RuntimeError):
    """The served warehouse file does not exist yet."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"No warehouse at {path}: build it with `make gold` (after `make ingest`)."
        )
        self.path = path


class FileIdentity(NamedTuple):
    """Which file a path names right now: a build swapped in is a new inode."""

    inode: int
    size: int
    mtime_ns: int


def warehouse_identity(path: Path) -> FileIdentity:
    """The served file's identity, what readers key their caches on (WarehouseMissingError
    where there is none)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise WarehouseMissingError(path) from None
    return FileIdentity(stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Schemas:
    """Names of the served schemas: `silver`/`gold`, or `main_silver`/`main_gold` for
    warehouses built with dbt's default schema naming."""

    silver: str
    gold: str

    def names(self) -> tuple[str, str]:
        return (self.silver, self.gold)


def open_readonly(path: Path, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the served warehouse file (`threads`: DuckDB's thread pool;
    1 halves the open + close time of a connection for a small lookup)."""
    if not path.is_file():
        raise WarehouseMissingError(path)
    config: dict[str, str | bool | int | float | list[str]] = {}
    if threads is not None:
        config["threads"] = threads
    return duckdb.connect(str(path), read_only=True, config=config)


@contextmanager
def read_connection(path: Path, threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Short-lived read-only connection, closed on exit (so a later swap is picked up)."""
    con = open_readonly(path, threads)
    try:
        yield con
    finally:
        con.close()


def detect_schemas(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> Schemas:
    """Find the served schemas, preferring plain `silver`/`gold` over dbt's `main_` prefix."""
    where = "" if catalog is None else f" where catalog_name = '{catalog}'"
    rows = con.execute(f"select schema_name from information_schema.schemata{where}").fetchall()
    present = {r[0] for r in rows}
    resolved = []
    for layer in SERVED_LAYERS:
        for candidate in (layer, f"main_{layer}"):
            if candidate in present:
                resolved.append(candidate)
                break
        else:
            resolved.append(layer)
    return Schemas(silver=resolved[0], gold=resolved[1])


def open_sandbox(
    path: Path,
    *,
    memory_limit: str = "512MB",
    threads: int = 2,
    alias: str = "wh",
    spill_dir: Path | None = None,
    spill_max: str = "1GB",
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the warehouse attached read-only and the configuration locked.

    External access (files, network, extensions) is disabled and the configuration cannot be
    changed afterwards, so COPY, ATTACH, INSTALL/LOAD and read_* table functions all fail. A
    query that outgrows the memory limit spills to `spill_dir` (at most `spill_max`), or fails
    when no spill folder is given; never into the working directory.
    """
    if not path.is_file():
        raise WarehouseMissingError(path)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{path.as_posix()}' AS {alias} (READ_ONLY)")
        con.execute(f"USE {alias}")
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"SET threads = {int(threads)}")
        if spill_dir is None:
            con.execute("SET temp_directory = ''")
        else:
            spill_dir.mkdir(parents=True, exist_ok=True)
            con.execute("SET temp_directory = ?", [str(spill_dir)])
            con.execute("SET max_temp_directory_size = ?", [spill_max])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con
