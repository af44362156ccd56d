"""What a sandbox worker (ai.sandbox_worker) is given and answers, shared by the API's side
(ai.sandbox) and the worker's rows (ai.sandbox_rows): a `Job` and its `Outcome`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonValue = str | int | float | bool | None | list[Any] | dict[str, Any]


@dataclass(frozen=True)
class Job:
    """One query for a worker, with everything that bounds it."""

    warehouse: str
    key: tuple[int, int, int]
    sql: str
    timeout_s: float
    memory_limit: str
    threads: int
    max_bytes: int
    max_value_chars: int
    max_rows: int | None = None  # None: skip ai.validation (tests of DuckDB's own defences)
    spill_dir: str | None = None
    spill_max: str = "1GB"


@dataclass
class Outcome:
    """A worker's answer: rows, or an error kind (rejected, timeout, limit, failed,
    warehouse_missing, warehouse_unreadable) with a one-line message; what validation made of
    the SQL (the rendering that ran, its LIMIT, tables, notes); `restart` when the worker must
    be replaced before the next job."""

    columns: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    rows: list[list[JsonValue]] = field(default_factory=list)
    truncated: bool = False
    values_truncated: int = 0
    elapsed_ms: float = 0.0
    error: str | None = None
    message: str = ""
    sql: str = ""
    limit: int = 0
    tables: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    validate_ms: float = 0.0
    restart: bool = False
