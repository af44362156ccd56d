"""The bronze contracts: every bronze table's columns and Arrow types, declared once.

Ingestion converts Fast-F1's frames to these types and checks every file it writes against
them; the dbt build checks every bronze file's Parquet schema against them before silver reads
anything (transform/models/lake/bronze_files.py). The types are ones every engine reads with
its default settings (DuckDB, Spark, Trino, pandas, polars):

- instants Fast-F1 gives in UTC: Parquet TIMESTAMP(MICROS, isAdjustedToUTC=true), Arrow
  `timestamp[us, tz=UTC]` (kind `utc`);
- wall-clock times Fast-F1 gives in the circuit's local time: TIMESTAMP(MICROS,
  isAdjustedToUTC=false), Arrow `timestamp[us]` (kind `local`): the schedule's
  `session1_date` .. `session5_date` and the session info's `start_date` / `end_date`;
- Fast-F1 timedeltas (lap and sector times, session times): int64 MICROSECONDS, the unit in
  the name (`lap_time` becomes `lap_time_us`). Timing data is millisecond-precise; Fast-F1's
  derived times (interpolated telemetry, merged laps) carry sub-millisecond parts, which
  microseconds keep (Fast-F1's nanosecond digits are rounded to the nearest microsecond);
- the event date: Parquet DATE (`date32`).

Partition keys (season, round, session) live only in the hive path, never in the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")
LOCAL_TIMESTAMP = pa.timestamp("us")
DURATION_US = pa.int64()
DURATION_SUFFIX = "_us"


@dataclass(frozen=True)
class Column:
    """One bronze column: its name, Arrow type, and the Fast-F1 column it comes from."""

    name: str
    type: pa.DataType
    kind: str  # text | float | int | bool | utc | local | duration | date
    fastf1: str  # snake_case Fast-F1 name (differs from `name` for durations)


_TYPES = {
    "text": pa.string(),
    "float": pa.float64(),
    "int": pa.int64(),
    "bool": pa.bool_(),
    "utc": UTC_TIMESTAMP,
    "local": LOCAL_TIMESTAMP,
    "duration": DURATION_US,
    "date": pa.date32(),
    "seconds": DURATION_US,  # OpenF1 durations (float seconds) stored like Fast-F1's: int64 us
    "ints": pa.list_(pa.int64()),
}


def _columns(spec: str) -> tuple[Column, ...]:
    """`name:kind` items, whitespace separated; a duration gets the `_us` suffix."""
    columns = []
    for item in spec.split():
        fastf1, kind = item.split(":")
        name = fastf1 + DURATION_SUFFIX if kind in ("duration", "seconds") else fastf1
        columns.append(Column(name, _TYPES[kind], kind, fastf1))
    return tuple(columns)


LINEAGE = _columns("ingested_at:utc fastf1_version:text source:text")
LINEAGE_NAMES = tuple(c.name for c in LINEAGE)

_SESSIONS = [f"session{n}:text session{n}_date:local session{n}_date_utc:utc" for n in range(1, 6)]

# Fast-F1's columns in its own order (snake_case), per bronze table.
_SPECS: dict[str, str] = {
    "events": " ".join(
        [
            "round_number:int country:text location:text official_event_name:text",
            "event_date:date event_name:text event_format:text",
            *_SESSIONS,
            "f1_api_support:bool",
        ]
    ),
    "sessions": """
        event_name:text session_name:text session_date:utc session_key:int session_type:text
        session_info_name:text start_date:local end_date:local gmt_offset:duration
        archive_status:text path:text meeting_key:int meeting_name:text
        meeting_official_name:text meeting_location:text country_key:int country_code:text
        country_name:text circuit_key:int circuit_short_name:text t0_date:utc total_laps:int
    """,
    "results": """
        driver_number:text broadcast_name:text abbreviation:text driver_id:text team_name:text
        team_color:text team_id:text first_name:text last_name:text full_name:text
        headshot_url:text country_code:text position:float classified_position:text
        grid_position:float q1:duration q2:duration q3:duration time:duration status:text
        points:float laps:float
    """,
    "laps": """
        time:duration driver:text driver_number:text lap_time:duration lap_number:float
        stint:float pit_out_time:duration pit_in_time:duration sector1_time:duration
        sector2_time:duration sector3_time:duration sector1_session_time:duration
        sector2_session_time:duration sector3_session_time:duration speed_i1:float
        speed_i2:float speed_fl:float speed_st:float is_personal_best:bool compound:text
        tyre_life:float fresh_tyre:bool team:text lap_start_time:duration lap_start_date:utc
        track_status:text position:float deleted:bool deleted_reason:text
        fast_f1_generated:bool is_accurate:bool
    """,
    "weather": """
        time:duration air_temp:float humidity:float pressure:float rainfall:bool
        track_temp:float wind_direction:int wind_speed:float
    """,
    "race_control": """
        time:utc category:text message:text status:text flag:text scope:text sector:float
        racing_number:text lap:int
    """,
    # which part (1-3: Q1-Q3, SQ1-SQ3) each lap of a knock-out session (Q SQ SS) was driven in,
    # by Fast-F1's Laps.split_qualifying_sessions(); lap_number is typed like laps.lap_number
    "qualifying_parts": "driver_number:text lap_number:float qualifying_part:int",
    "car_data": """
        date:utc rpm:float speed:float n_gear:int throttle:float brake:bool drs:int
        fastf1_source:text time:duration session_time:duration driver_number:text
    """,
    "position": """
        date:utc status:text x:float y:float z:float fastf1_source:text time:duration
        session_time:duration driver_number:text
    """,
}

# OpenF1 (https://openf1.org), one bronze table per API endpoint under bronze/openf1/<endpoint>/:
# the API's own field names; durations (float seconds) as int64 `_us`; `date*` instants UTC.
OPENF1_PREFIX = "openf1/"
_OPENF1_KEYS = "meeting_key:int session_key:int"
_OPENF1_SPECS: dict[str, str] = {
    "meetings": """
        meeting_key:int meeting_name:text meeting_official_name:text meeting_code:text
        location:text country_key:int country_code:text country_name:text circuit_key:int
        circuit_short_name:text gmt_offset:text date_start:utc year:int
    """,
    "sessions": f"""
        {_OPENF1_KEYS} session_name:text session_type:text date_start:utc date_end:utc
        gmt_offset:text location:text country_key:int country_code:text country_name:text
        circuit_key:int circuit_short_name:text year:int
    """,
    "drivers": f"""
        {_OPENF1_KEYS} driver_number:int broadcast_name:text full_name:text name_acronym:text
        team_name:text team_colour:text first_name:text last_name:text headshot_url:text
        country_code:text
    """,
    "laps": f"""
        {_OPENF1_KEYS} driver_number:int lap_number:int date_start:utc lap_duration:seconds
        duration_sector_1:seconds duration_sector_2:seconds duration_sector_3:seconds
        i1_speed:int i2_speed:int st_speed:int is_pit_out_lap:bool segments_sector_1:ints
        segments_sector_2:ints segments_sector_3:ints
    """,
    "pit": f"{_OPENF1_KEYS} driver_number:int lap_number:int date:utc pit_duration:seconds",
    "position": f"{_OPENF1_KEYS} driver_number:int date:utc position:int",
    "overtakes": f"""
        {_OPENF1_KEYS} overtaking_driver_number:int overtaken_driver_number:int date:utc
        position:int
    """,
    "stints": f"""
        {_OPENF1_KEYS} driver_number:int stint_number:int lap_start:int lap_end:int
        compound:text tyre_age_at_start:int
    """,
    # gap_to_leader / interval are seconds, or text such as '+1 LAP': kept as text
    "intervals": f"{_OPENF1_KEYS} driver_number:int date:utc gap_to_leader:text interval:text",
    "weather": f"""
        {_OPENF1_KEYS} date:utc air_temperature:float humidity:float pressure:float
        rainfall:float track_temperature:float wind_direction:int wind_speed:float
    """,
    "race_control": f"""
        {_OPENF1_KEYS} date:utc category:text flag:text scope:text sector:int message:text
        driver_number:int lap_number:int
    """,
}
OPENF1_TABLES: tuple[str, ...] = tuple(OPENF1_PREFIX + name for name in _OPENF1_SPECS)

CONTRACTS: dict[str, tuple[Column, ...]] = {
    table: _columns(spec) + LINEAGE for table, spec in _SPECS.items()
} | {OPENF1_PREFIX + name: _columns(spec) + LINEAGE for name, spec in _OPENF1_SPECS.items()}
TABLES: tuple[str, ...] = tuple(CONTRACTS)
SEASON_TABLES = frozenset({"events"})  # partitioned by season only; the rest by session
FASTF1_TABLES: tuple[str, ...] = tuple(_SPECS)


def manifest_dir(table: str) -> str:
    """The manifest folder (under bronze/) recording a table's files: OpenF1 has its own."""
    return OPENF1_PREFIX + "_manifest" if table.startswith(OPENF1_PREFIX) else "_manifest"


class BronzeContractError(ValueError):
    """A bronze file (or a table about to be written) does not match its contract."""


def schema(table: str) -> pa.Schema:
    """The Arrow schema every file of `table` has (column order included)."""
    return pa.schema([pa.field(c.name, c.type) for c in CONTRACTS[table]])


def schema_problems(table: str, actual: pa.Schema) -> list[str]:
    """What differs between `actual` and the contract of `table` (empty = it matches)."""
    expected = schema(table)
    problems = []
    missing = [n for n in expected.names if n not in actual.names]
    extra = [n for n in actual.names if n not in expected.names]
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if extra:
        problems.append(f"unexpected column(s) {', '.join(extra)}")
    for field in expected:
        if field.name in actual.names:
            found = actual.field(field.name).type
            if not found.equals(field.type):
                problems.append(f"{field.name} is {found}, contract says {field.type}")
    return problems


def check(table: str, actual: pa.Schema, where: Path | str) -> None:
    """Raise BronzeContractError naming `where` when `actual` breaks the contract."""
    problems = schema_problems(table, actual)
    if problems:
        raise BronzeContractError(
            f"bronze file {where} does not match the bronze contract of {table!r}: "
            + "; ".join(problems)
        )


def table_of(path: Path, bronze: Path) -> str | None:
    """The bronze table a path under `bronze/` belongs to (None: not a contract table)."""
    try:
        parts = path.relative_to(bronze).parts
    except ValueError:
        return None
    first = "/".join(parts[:2]) if parts[:1] == (OPENF1_PREFIX[:-1],) else "/".join(parts[:1])
    return first if first in CONTRACTS else None


@dataclass(frozen=True)
class Fingerprint:
    """What a bronze file looked like when written: recorded per table in the manifest."""

    bytes: int
    mtime_ns: int
    rows: int


def fingerprint_columns(table: str) -> tuple[str, str, str]:
    """The manifest's columns holding a table's fingerprint (bytes, mtime, rows); an OpenF1
    table's are named by its endpoint (`laps_rows` in bronze/openf1/_manifest)."""
    name = table.removeprefix(OPENF1_PREFIX)
    return f"{name}_bytes", f"{name}_mtime_ns", f"{name}_rows"


def read_fingerprint(path: Path) -> tuple[Fingerprint, Any]:
    """Size and mtime from the file system, rows from the Parquet footer, and the footer
    (pyarrow FileMetaData); a truncated or non-Parquet file raises BronzeContractError."""
    import pyarrow.parquet as pq

    stat = path.stat()
    try:
        metadata = pq.read_metadata(path)
    except (OSError, pa.ArrowException) as exc:
        raise BronzeContractError(f"bronze file {path} is not readable Parquet: {exc}") from exc
    return Fingerprint(stat.st_size, stat.st_mtime_ns, metadata.num_rows), metadata
