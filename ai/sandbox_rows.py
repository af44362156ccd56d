"""The rows of a sandboxed answer: DuckDB values made JSON-safe, long values cut, and rows
fetched only while the answer's byte budget lasts (used by ai.sandbox_worker)."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any
from uuid import UUID

import duckdb

from ai.sandbox_job import Job, JsonValue, Outcome

FETCH_CHUNK = 256


class Budget:
    """Converts DuckDB values to JSON-safe ones, cutting long strings and lists (counted)."""

    def __init__(self, max_value_chars: int) -> None:
        self.max_chars = max_value_chars
        self.max_items = max(1, max_value_chars // 10)
        self.cut = 0

    def value(self, value: Any) -> JsonValue:
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, str):
            if len(value) > self.max_chars:
                self.cut += 1
                return value[: self.max_chars]
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
            return self.value(bytes(value)[: self.max_chars].hex())
        if isinstance(value, UUID):
            return str(value)
        if isinstance(value, dict):
            items = list(value.items())
            if len(items) > self.max_items:
                self.cut += 1
            return {str(k): self.value(v) for k, v in items[: self.max_items]}
        if isinstance(value, (list, tuple)):
            if len(value) > self.max_items:
                self.cut += 1
            return [self.value(v) for v in value[: self.max_items]]
        return self.value(str(value))


def fetch_within(cursor: duckdb.DuckDBPyConnection, job: Job, outcome: Outcome) -> None:
    """Rows until the result ends or the next row would pass the byte budget."""
    budget, size = Budget(job.max_value_chars), 2
    while True:
        chunk = cursor.fetchmany(FETCH_CHUNK)
        if not chunk:
            break
        for raw in chunk:
            cut_before = budget.cut
            row = [budget.value(v) for v in raw]
            size += len(json.dumps(row, default=str)) + 1
            if size > job.max_bytes:
                outcome.truncated = True
                outcome.values_truncated = cut_before
                return
            outcome.rows.append(row)
    outcome.values_truncated = budget.cut
