"""Fast-F1 frames to Arrow tables: snake_case names, lossless types and lineage columns."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

import pandas as pd
import pyarrow as pa

from ingestion.lineage import Lineage
from ingestion.naming import snake_case

logger = logging.getLogger(__name__)


def _column_to_arrow(series: pd.Series) -> pa.Array:
    """Convert one column; an object column of mixed Python types falls back to strings."""
    try:
        return pa.array(series, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        logger.debug("column %s has mixed types; stored as strings", series.name)
        as_text = series.map(lambda v: None if v is None or pd.isna(v) else str(v))
        return pa.array(as_text, type=pa.string(), from_pandas=True)


LINEAGE_COLUMNS = tuple(f.name for f in dataclasses.fields(Lineage))  # added by add_lineage


def bronze_column_name(fastf1_name: str) -> str:
    """snake_case; a Fast-F1 column that would clash with a lineage column gets a `fastf1_`
    prefix (car_data's `Source`, the sample's origin, becomes `fastf1_source`)."""
    name = snake_case(fastf1_name)
    return f"fastf1_{name}" if name in LINEAGE_COLUMNS else name


def frame_to_table(frame: pd.DataFrame, lineage: Lineage) -> pa.Table:
    """Every Fast-F1 column, renamed to snake_case, plus the lineage columns."""
    frame = frame.reset_index(drop=True)
    names = [bronze_column_name(str(c)) for c in frame.columns]
    arrays = [_column_to_arrow(frame[c]) for c in frame.columns]
    table = pa.table(dict(zip(names, arrays, strict=True)))
    return add_lineage(table, lineage)


def _no_null_typed_columns(table: pa.Table) -> pa.Table:
    """An all-empty object column arrives as Arrow's `null` type; store it as string so that
    every partition of a table has the same column types (DuckDB unions them by name)."""
    for index, column_field in enumerate(table.schema):
        if pa.types.is_null(column_field.type):
            column = pa.nulls(table.num_rows, pa.string())
            table = table.set_column(index, column_field.name, column)
    return table


def add_lineage(table: pa.Table, lineage: Lineage) -> pa.Table:
    table = _no_null_typed_columns(table)
    rows = table.num_rows
    table = table.append_column(
        "ingested_at", pa.array([lineage.ingested_at] * rows, type=pa.timestamp("us", tz="UTC"))
    )
    table = table.append_column(
        "fastf1_version", pa.array([lineage.fastf1_version] * rows, pa.string())
    )
    return table.append_column("source", pa.array([lineage.source] * rows, pa.string()))


def info_to_table(info: dict[str, Any], lineage: Lineage) -> pa.Table:
    """The one-row `sessions` table from a session's info dictionary."""
    row = {name: [_plain(value)] for name, value in info.items()}
    frame = pd.DataFrame(row)
    for name in ("session_date", "start_date", "end_date", "t0_date"):
        frame[name] = pd.to_datetime(frame[name])
    frame["gmt_offset"] = pd.to_timedelta(frame["gmt_offset"])
    for name in ("session_key", "meeting_key", "country_key", "circuit_key", "total_laps"):
        frame[name] = frame[name].astype("Int64")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return add_lineage(table, lineage)


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.timedelta | dt.datetime):
        return value
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value
