"""Runs validated SQL in the sandbox of f1lake.warehouse.open_sandbox, under a timeout.

Each query gets a fresh in-memory DuckDB with the served warehouse attached read-only, external
access off, the configuration locked, a memory limit and a thread cap (so a warehouse rebuild,
which swaps the file, never breaks an answer). A timer calls `con.interrupt()` when the query runs
longer than the timeout; results are fetched fully (the validator has already capped the rows).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import duckdb

from f1lake.warehouse import open_sandbox

log = logging.getLogger(__name__)

SANDBOX_ALIAS = "wh"
JsonValue = str | int | float | bool | None | list[Any] | dict[str, Any]


class QueryTimeoutError(RuntimeError):
    """The query ran longer than the timeout and was interrupted."""


class QueryFailedError(RuntimeError):
    """DuckDB refused or failed the query (binder error, ...); one-line message."""


class QueryLimitError(RuntimeError):
    """The query hit the sandbox's memory limit and was stopped."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[list[JsonValue]]
    elapsed_ms: float


def to_json_value(value: Any) -> JsonValue:
    """DuckDB's Python values as JSON-safe values (NaN/inf become null)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds() * 1000.0
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(v) for v in value]
    return str(value)


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:400]


class Sandbox:
    """How queries run: which warehouse, how long, how much memory, how many threads.

    One sandbox database is kept per warehouse file version (inode, size, mtime) and each query
    gets its own cursor on it; after an atomic rebuild the next query opens a new sandbox on the
    new file while queries already running finish on the old one.
    """

    def __init__(
        self, warehouse: Path, timeout_s: float = 5.0, memory_limit: str = "512MB", threads: int = 2
    ) -> None:
        self.warehouse = warehouse
        self.timeout_s = timeout_s
        self.memory_limit = memory_limit
        self.threads = threads
        self._lock = threading.Lock()
        self._key: tuple[int, int, int] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def timeout_message(self) -> str:
        return f"query stopped after the {self.timeout_s:g} s timeout"

    def connection(self) -> duckdb.DuckDBPyConnection:
        stat = self.warehouse.stat() if self.warehouse.is_file() else None
        key = (stat.st_ino, stat.st_size, stat.st_mtime_ns) if stat else None
        with self._lock:
            if self._con is None or key != self._key:
                self._con = open_sandbox(
                    self.warehouse, memory_limit=self.memory_limit, threads=self.threads
                )
                self._key = key
            return self._con

    def close(self) -> None:
        """Close the sandbox database (the next query opens a new one)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con, self._key = None, None

    def run(self, sql: str) -> QueryResult:
        started = time.perf_counter()
        cursor = self.connection().cursor()
        fired = threading.Event()

        def interrupt() -> None:
            fired.set()
            cursor.interrupt()

        timer = threading.Timer(self.timeout_s, interrupt)
        timer.daemon = True
        try:
            cursor.execute(f"USE {SANDBOX_ALIAS}")
            timer.start()
            cursor.execute(sql)
            description = cursor.description or []
            raw = cursor.fetchall()
            rows = [[to_json_value(v) for v in row] for row in raw]
        except duckdb.InterruptException as error:
            raise QueryTimeoutError(self.timeout_message) from error
        except duckdb.OutOfMemoryException as error:
            raise QueryLimitError(f"stopped by the memory limit: {one_line(error)}") from error
        except duckdb.Error as error:
            if fired.is_set():
                raise QueryTimeoutError(self.timeout_message) from error
            raise QueryFailedError(one_line(error)) from error
        except (ValueError, TypeError, OverflowError) as error:  # result values Python can't hold
            raise QueryFailedError(f"result not convertible: {one_line(error)}") from error
        finally:
            timer.cancel()
            cursor.close()
        columns = [str(d[0]) for d in description]
        types = [str(d[1]) for d in description]
        elapsed = (time.perf_counter() - started) * 1000.0
        return QueryResult(columns=columns, types=types, rows=rows, elapsed_ms=elapsed)
