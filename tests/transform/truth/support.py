"""The truth suite's plumbing: the Report every check returns, reads of the warehouse under test
(read-only, retried while a rebuild swaps the file) and of the Ergast CSVs (the reference)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from tests.history.conftest import csv_connection

Row = tuple[Any, ...]
Key = tuple[Any, ...]
Explain = Callable[[Key, Row | None, Row | None], str | None]


@dataclass
class Report:
    """One check's outcome: `agree` of `total` compared items equal the sources; every other
    item is either explained (by a named explanation the check proved on the data) or not."""

    name: str
    total: int = 0
    agree: int = 0
    explained: dict[str, list[str]] = field(default_factory=dict)
    unexplained: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def explain(self, why: str, item: str) -> None:
        self.explained.setdefault(why, []).append(item)

    def line(self) -> str:
        text = f"{self.name}: {self.agree} of {self.total} agree"
        for why, items in self.explained.items():
            text += f"; {len(items)} explained [{why}] e.g. {items[:2]}"
        if self.unexplained:
            text += f"; {len(self.unexplained)} UNEXPLAINED e.g. {self.unexplained[:5]}"
        return text

    def print(self) -> None:
        print(self.line())
        for note in self.notes:
            print(f"  {note}")

    def assert_ok(self) -> None:
        self.print()
        assert self.total > 0, f"{self.name}: nothing compared"
        assert not self.unexplained, self.line()


def same(a: object, b: object) -> bool:
    """Equality of one value, floats to 1e-6, NULL = NULL."""
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), abs_tol=1e-6)  # type: ignore[arg-type]
    return a == b


def same_row(a: Row | None, b: Row | None) -> bool:
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))


def compare(
    report: Report,
    expected: Mapping[Key, Row],
    got: Mapping[Key, Row],
    explain: Explain | None = None,
) -> Report:
    """Item by item over the union of keys: missing, extra and differing items each need an
    explanation (explain returns its name, or None when it does not apply)."""
    for key in sorted(set(expected) | set(got), key=repr):
        want, have = expected.get(key), got.get(key)
        report.total += 1
        if same_row(want, have):
            report.agree += 1
            continue
        why = explain(key, want, have) if explain else None
        item = f"{key}: expected {want}, gold {have}"
        if why:
            report.explain(why, item)
        else:
            report.unexplained.append(item)
    return report


def gold(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[Row]:
    """Query the warehouse under test read-only; retry while a rebuild swaps it (missing or
    locked file), never a wrong table or column (those fail the check)."""
    for attempt in range(10):
        try:
            con = duckdb.connect(str(warehouse), read_only=True)
        except duckdb.IOException:
            if attempt == 9:
                raise
            time.sleep(3)
            continue
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()
    raise AssertionError("unreachable")


@cache
def _csv() -> duckdb.DuckDBPyConnection:
    return csv_connection()


def csv(sql: str, params: list[Any] | None = None) -> list[Row]:
    """One query over the Ergast CSV views (races, results, qualifying, drivers, ...)."""
    return _csv().execute(sql, params or []).fetchall()


def keyed(rows: list[Row], width: int) -> dict[Key, Row]:
    """Rows -> {first `width` columns: the rest}; a repeated key fails (the grain is broken)."""
    out: dict[Key, Row] = {}
    for row in rows:
        key = tuple(row[:width])
        assert key not in out, f"key {key} twice: the grain is not one row per key"
        out[key] = tuple(row[width:])
    return out


def numbered(rows: list[Row], width: int) -> dict[Key, Row]:
    """Like keyed, but a key may repeat (a driver's two entries in one 1950s race): the n-th
    row of a key (in the order given) gets key + (n,)."""
    out: dict[Key, Row] = {}
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        key = tuple(row[:width])
        seen[key] = seen.get(key, 0) + 1
        out[(*key, seen[key])] = tuple(row[width:])
    return out
