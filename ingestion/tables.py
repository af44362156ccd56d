"""Fast-F1 frames to Arrow tables in the bronze contract's types (f1lake/bronze_contract.py).

Every contract column is taken from the Fast-F1 column of the same snake_case name and
converted to its contract type: timedeltas to integer microseconds (`lap_time` -> `lap_time_us`),
UTC datetimes to `timestamp[us, UTC]`, local wall-clock ones to `timestamp[us]`. A contract
column Fast-F1 does not give (older Fast-F1 versions) is written as nulls; a Fast-F1 column the
contract does not know is left out with a warning (add it to the contract to keep it).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any, TypeAlias

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from f1lake import bronze_contract
from f1lake.bronze_contract import LINEAGE_NAMES, BronzeContractError, Column
from ingestion.lineage import Lineage
from ingestion.naming import snake_case

logger = logging.getLogger(__name__)

LINEAGE_COLUMNS = LINEAGE_NAMES  # added by add_lineage
Values: TypeAlias = "pd.Series[Any] | pa.Array | pa.ChunkedArray"


def bronze_column_name(fastf1_name: str) -> str:
    """snake_case; a Fast-F1 column that would clash with a lineage column gets a `fastf1_`
    prefix (car_data's `Source`, the sample's origin, becomes `fastf1_source`)."""
    name = snake_case(fastf1_name)
    return f"fastf1_{name}" if name in LINEAGE_COLUMNS else name


def frame_to_table(frame: pd.DataFrame, lineage: Lineage, table: str) -> pa.Table:
    """A Fast-F1 frame as bronze table `table`: the contract's columns, then lineage."""
    frame = frame.reset_index(drop=True)
    columns = {bronze_column_name(str(c)): frame[c] for c in frame.columns}
    return add_lineage(conform(table, columns, len(frame)), lineage)


def info_to_table(info: dict[str, Any], lineage: Lineage) -> pa.Table:
    """The one-row `sessions` table from a session's info dictionary."""
    frame = pd.DataFrame({name: [_plain(value)] for name, value in info.items()})
    for name in ("session_date", "start_date", "end_date", "t0_date"):
        frame[name] = pd.to_datetime(frame[name])
    frame["gmt_offset"] = pd.to_timedelta(frame["gmt_offset"])
    return frame_to_table(frame, lineage, "sessions")


def conform(table: str, columns: Mapping[str, Values], rows: int) -> pa.Table:
    """The contract's data columns of `table` (no lineage) from Fast-F1-named columns."""
    contract = [c for c in bronze_contract.CONTRACTS[table] if c.name not in LINEAGE_COLUMNS]
    known = {c.fastf1 for c in contract} | set(LINEAGE_COLUMNS)
    unknown = sorted(set(columns) - known)
    if unknown:
        logger.warning(
            "bronze %s: Fast-F1 column(s) %s not in the bronze contract; left out",
            table,
            ", ".join(unknown),
        )
    arrays = {}
    for column in contract:
        values = columns.get(column.fastf1)
        if values is None:
            logger.info("bronze %s: Fast-F1 gave no %s; written as nulls", table, column.fastf1)
            arrays[column.name] = pa.nulls(rows, column.type)
            continue
        try:
            arrays[column.name] = to_contract_type(values, column)
        except (pa.ArrowException, ValueError, TypeError) as exc:
            raise BronzeContractError(
                f"bronze {table}: Fast-F1 column {column.fastf1} cannot be stored as "
                f"{column.type} ({exc})"
            ) from exc
    return pa.table(arrays, schema=pa.schema([(n, a.type) for n, a in arrays.items()]))


def to_contract_type(values: Values, column: Column) -> pa.Array:
    """One column in its contract type (pandas values or an Arrow array from an older file)."""
    array: Any = _series_to_arrow(values, column) if isinstance(values, pd.Series) else values
    values = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    if pa.types.is_null(values.type):
        return pa.nulls(len(values), column.type)
    kind = column.kind
    if kind == "duration":
        return _duration_us(values)
    if kind in ("utc", "local", "date"):
        return _timestamp(values, kind)
    if pa.types.is_string(values.type) and kind in ("float", "int", "bool"):
        return _parse_text(values, column)
    return pc.cast(values, column.type)  # safe: a fractional float never becomes an integer


def _series_to_arrow(series: pd.Series, column: Column) -> pa.Array:
    if column.kind == "local" and series.dtype == object:
        # the schedule's local times: each row has its own offset -> its own wall-clock time
        series = series.map(lambda v: v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v)
        series = pd.to_datetime(series)
    try:
        return pa.array(series, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        logger.debug("column %s has mixed types; read as strings", series.name)
        as_text = series.map(lambda v: None if v is None or pd.isna(v) else str(v))
        return pa.array(as_text, type=pa.string(), from_pandas=True)


def _duration_us(values: pa.Array) -> pa.Array:
    if not pa.types.is_duration(values.type):
        raise TypeError(f"a duration needs a timedelta column, got {values.type}")
    nanos = pc.cast(pc.cast(values, pa.duration("ns")), pa.int64())
    micros = pc.round(pc.divide(pc.cast(nanos, pa.float64()), 1000.0))  # nearest microsecond
    return pc.cast(micros, pa.int64())


def _timestamp(values: pa.Array, kind: str) -> pa.Array:
    if pa.types.is_string(values.type):
        values = pa.array(pd.to_datetime(values.to_pandas(), errors="coerce"), from_pandas=True)
    if not pa.types.is_timestamp(values.type):
        raise TypeError(f"a timestamp needs a datetime column, got {values.type}")
    tz = values.type.tz
    if kind in ("local", "date") and tz is not None:
        values = pc.local_timestamp(values)  # wall-clock time in the column's own zone
    elif kind == "utc" and tz is None:
        values = pc.assume_timezone(values, "UTC")  # Fast-F1's naive datetimes are UTC
    if values.type.unit == "ns":
        values = pc.round_temporal(values, unit="microsecond")
    if kind == "date":
        return pc.cast(values, pa.date32())
    target = bronze_contract.UTC_TIMESTAMP if kind == "utc" else bronze_contract.LOCAL_TIMESTAMP
    return pc.cast(values, target)


def _parse_text(values: pa.Array, column: Column) -> pa.Array:
    """Text that Fast-F1 left in a numeric/boolean column ('12', 'None', 'nan', '')."""
    text = values.to_pandas()
    if column.kind == "bool":
        lowered = text.str.strip().str.lower()
        parsed = lowered.map({"true": True, "false": False}).astype("boolean")
        return pa.array(parsed, type=pa.bool_(), from_pandas=True)
    numbers = pd.to_numeric(text, errors="coerce")
    if column.kind == "int":
        return pa.array(numbers.astype("Int64"), type=pa.int64(), from_pandas=True)
    return pa.array(numbers, type=pa.float64(), from_pandas=True)


def add_lineage(table: pa.Table, lineage: Lineage) -> pa.Table:
    rows = table.num_rows
    table = table.append_column(
        "ingested_at", pa.array([lineage.ingested_at] * rows, type=bronze_contract.UTC_TIMESTAMP)
    )
    table = table.append_column(
        "fastf1_version", pa.array([lineage.fastf1_version] * rows, pa.string())
    )
    return table.append_column("source", pa.array([lineage.source] * rows, pa.string()))


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.timedelta | dt.datetime):
        return value
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value
