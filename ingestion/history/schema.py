"""The bronze schema of the Ergast history, shared by the CSV and the online (Jolpica) path.

Both paths key rows by Ergast *references* (driver_ref, constructor_ref, circuit_ref, status
text, season and round) because the API has no numeric ids; the CSV path maps its numeric ids
to the references while reading. `position` follows Ergast's convention on both paths: the
classified position, NULL when `position_text` is not a number (the 2025 rows of the dump,
written from Jolpica, carry a number there for retired drivers).
"""

from __future__ import annotations

import pyarrow as pa

from ingestion.lineage import Lineage
from ingestion.tables import add_lineage

N = pa.int64()
F = pa.float64()
S = pa.string()
D = pa.date32()

_RESULT = [
    ("round", N), ("driver_ref", S), ("constructor_ref", S), ("number", N), ("grid", N),
    ("position", N), ("position_text", S), ("position_order", N), ("points", F), ("laps", N),
    ("time", S), ("milliseconds", N), ("fastest_lap", N), ("fastest_lap_rank", N),
    ("fastest_lap_time", S), ("fastest_lap_speed", F), ("status", S),
]  # fmt: skip
_SESSIONS = ("fp1", "fp2", "fp3", "quali", "sprint")

SEASON_TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "races": [
        ("round", N), ("race_name", S), ("circuit_ref", S), ("date", D), ("time", S), ("url", S),
        *[(f"{s}_{p}", D if p == "date" else S) for s in _SESSIONS for p in ("date", "time")],
    ],
    "results": _RESULT,
    "sprint_results": _RESULT,
    "qualifying": [
        ("round", N), ("driver_ref", S), ("constructor_ref", S), ("number", N), ("position", N),
        ("q1", S), ("q2", S), ("q3", S),
    ],
    "pit_stops": [
        ("round", N), ("driver_ref", S), ("stop", N), ("lap", N), ("time", S), ("duration", S),
        ("milliseconds", N),
    ],
    "lap_times": [
        ("round", N), ("driver_ref", S), ("lap", N), ("position", N), ("time", S),
        ("milliseconds", N),
    ],
    "driver_standings": [
        ("round", N), ("driver_ref", S), ("points", F), ("position", N), ("position_text", S),
        ("wins", N),
    ],
    "constructor_standings": [
        ("round", N), ("constructor_ref", S), ("points", F), ("position", N),
        ("position_text", S), ("wins", N),
    ],
    "constructor_results": [("round", N), ("constructor_ref", S), ("points", F), ("status", S)],
}  # fmt: skip

DIMENSION_TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "seasons": [("year", N), ("url", S)],
    "circuits": [
        ("circuit_ref", S), ("name", S), ("location", S), ("country", S), ("lat", F), ("lng", F),
        ("url", S),
    ],
    "drivers": [
        ("driver_ref", S), ("number", N), ("code", S), ("forename", S), ("surname", S),
        ("dob", D), ("nationality", S), ("url", S),
    ],
    "constructors": [("constructor_ref", S), ("name", S), ("nationality", S), ("url", S)],
    "status": [("status", S)],
}  # fmt: skip

DIMENSION_KEYS = {
    "seasons": "year",
    "circuits": "circuit_ref",
    "drivers": "driver_ref",
    "constructors": "constructor_ref",
    "status": "status",
}

# Natural keys of the season tables (round + ...), used to merge and compare.
SEASON_KEYS: dict[str, tuple[str, ...]] = {
    "races": ("round",),
    "results": ("round", "position_order", "driver_ref"),
    "sprint_results": ("round", "position_order", "driver_ref"),
    "qualifying": ("round", "driver_ref"),
    "pit_stops": ("round", "driver_ref", "stop"),
    "lap_times": ("round", "driver_ref", "lap"),
    "driver_standings": ("round", "driver_ref"),
    "constructor_standings": ("round", "constructor_ref"),
    "constructor_results": ("round", "constructor_ref"),
}

ALL_HISTORY_TABLES = (*SEASON_TABLES, *DIMENSION_TABLES)


def schema_of(table: str) -> pa.Schema:
    columns = SEASON_TABLES.get(table) or DIMENSION_TABLES[table]
    return pa.schema(columns)


def season_schema(table: str) -> pa.Schema:
    """The schema of a season table's rows before partitioning: `season` first."""
    return pa.schema([("season", N), *SEASON_TABLES[table]])


def from_rows(table: str, rows: list[dict[str, object]], *, with_season: bool) -> pa.Table:
    schema = season_schema(table) if with_season else schema_of(table)
    return pa.Table.from_pylist(rows, schema=schema)


def conform(table: str, data: pa.Table, *, with_season: bool) -> pa.Table:
    """Select and cast `data` to the bronze schema (column order and types)."""
    schema = season_schema(table) if with_season else schema_of(table)
    return data.select(schema.names).cast(schema)


def for_bronze(data: pa.Table, lineage: Lineage) -> pa.Table:
    """A partition's rows as written: sorted by key, partition column dropped, lineage added."""
    return add_lineage(data, lineage)


def lineage_for(source: str) -> Lineage:
    base = Lineage.now(offline=False)
    return Lineage(ingested_at=base.ingested_at, fastf1_version=base.fastf1_version, source=source)
