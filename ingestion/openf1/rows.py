"""OpenF1 JSON rows → Arrow tables in the bronze contracts (f1lake/bronze_contract.py).

The endpoints, their replay file names and which ones are read per session live here; the
column names and types live in the contracts (`openf1/<endpoint>`). A value that does not fit
its column (text where a number is due, a date that is not ISO 8601) raises OpenF1DataError,
so a damaged response or replay file is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from f1lake import bronze_contract
from f1lake.bronze_contract import LINEAGE_NAMES, OPENF1_PREFIX, Column
from ingestion.errors import SelectionError
from ingestion.lineage import Lineage
from ingestion.tables import add_lineage

# read once per session (query `session_key=`), in this order; `sessions` and `meetings` are
# read once per season (`year=`)
SESSION_ENDPOINTS: tuple[str, ...] = tuple(
    [
        "drivers",
        "laps",
        "pit",
        "position",
        "overtakes",
        "stints",
        "intervals",
        "weather",
        "race_control",
    ]
)
LISTING_ENDPOINTS: tuple[str, ...] = ("sessions", "meetings")
ENDPOINTS: tuple[str, ...] = LISTING_ENDPOINTS + SESSION_ENDPOINTS
# the API path of each bronze table (OpenF1 names race control `race_control`, pit `pit`)
REPLAY_FILES: dict[str, tuple[str, ...]] = {
    endpoint: (f"{endpoint}.json",) for endpoint in ENDPOINTS
} | {"pit": ("pit.json", "pit_stops.json"), "position": ("position.json", "positions.json")}

Row = dict[str, Any]


class OpenF1DataError(SelectionError):
    """An OpenF1 response or replay file that is not what the API sends (exit 2)."""


def contract(endpoint: str) -> tuple[Column, ...]:
    columns = bronze_contract.CONTRACTS[OPENF1_PREFIX + endpoint]
    return tuple(c for c in columns if c.name not in LINEAGE_NAMES)


def check_rows(payload: Any, where: str) -> list[Row]:
    """A response body: a JSON list of objects (OpenF1 answers every query with one)."""
    if not isinstance(payload, list) or not all(isinstance(r, dict) for r in payload):
        raise OpenF1DataError(f"{where} is not a JSON list of objects, as OpenF1 sends")
    return payload


def to_table(endpoint: str, rows: Sequence[Row], where: str) -> pa.Table:
    """The rows as the endpoint's bronze columns (no lineage): unknown fields are left out."""
    arrays = {}
    for column in contract(endpoint):
        try:
            values = [_value(row.get(column.fastf1), column.kind) for row in rows]
            arrays[column.name] = pa.array(values, type=column.type)
        except (TypeError, ValueError, pa.ArrowException) as exc:
            raise OpenF1DataError(
                f"{where}: field {column.fastf1!r} is not a {column.kind} value ({exc})"
            ) from None
    return pa.table(arrays)


def with_lineage(table: pa.Table, lineage: Lineage) -> pa.Table:
    return add_lineage(table, lineage)


def _value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "utc":
        if not isinstance(value, str):
            raise TypeError(f"{value!r} is not an ISO 8601 text")
        instant = dt.datetime.fromisoformat(value)
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=dt.UTC)  # OpenF1's instants are UTC
        return instant.astimezone(dt.UTC)
    if kind == "seconds":
        return round(_number(value) * 1_000_000)
    if kind == "int":
        number = _number(value)
        if number != int(number):
            raise ValueError(f"{value!r} is not a whole number")
        return int(number)
    if kind == "float":
        return float(_number(value))
    if kind == "text":
        return value if isinstance(value, str) else str(value)
    if kind == "bool" and not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true/false")
    if kind == "ints":
        if not isinstance(value, list):
            raise TypeError(f"{value!r} is not a list")
        return [None if v is None else int(_number(v)) for v in value]
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{value!r} is not a number")
    return float(value)
