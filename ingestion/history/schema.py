"""The bronze schema of the Ergast history, shared by the CSV and the online (Jolpica) path.

Both paths key rows by Ergast *references* (driver_ref, constructor_ref, circuit_ref, status
text, season and round) because the API has no numeric ids; the CSV path maps its numeric ids
to the references while reading, and keeps them in `ergast_id` (Ergast's driverId,
constructorId, circuitId, raceId) of `drivers`, `constructors`, `circuits` and `races`: NULL
from the API, and in history bronze written before the column existed. `position` follows
Ergast's convention on both paths: the classified position, NULL when `position_text` is not a
number (the 2025 rows of the dump, written from Jolpica, carry a number there for retired
drivers).
"""

from __future__ import annotations

import pyarrow as pa

from ingestion.lineage import Lineage

N = pa.int64()
F = pa.float64()
S = pa.string()
D = pa.date32()

_RESULT = [
    ("round", N),
    ("driver_ref", S),
    ("constructor_ref", S),
    ("number", N),
    ("grid", N),
    ("position", N),
    ("position_text", S),
    ("position_order", N),
    ("points", F),
    ("laps", N),
    ("time", S),
    ("milliseconds", N),
    ("fastest_lap", N),
    ("fastest_lap_rank", N),
    ("fastest_lap_time", S),
    ("fastest_lap_speed", F),
    ("status", S),
]
_SESSIONS = ("fp1", "fp2", "fp3", "quali", "sprint")

SEASON_TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "races": [
        ("round", N),
        ("race_name", S),
        ("circuit_ref", S),
        ("date", D),
        ("time", S),
        ("url", S),
        *[(f"{s}_{p}", D if p == "date" else S) for s in _SESSIONS for p in ("date", "time")],
        ("ergast_id", N),
    ],
    "results": _RESULT,
    "sprint_results": _RESULT,
    "qualifying": [
        ("round", N),
        ("driver_ref", S),
        ("constructor_ref", S),
        ("number", N),
        ("position", N),
        ("q1", S),
        ("q2", S),
        ("q3", S),
    ],
    "pit_stops": [
        ("round", N),
        ("driver_ref", S),
        ("stop", N),
        ("lap", N),
        ("time", S),
        ("duration", S),
        ("milliseconds", N),
    ],
    "lap_times": [
        ("round", N),
        ("driver_ref", S),
        ("lap", N),
        ("position", N),
        ("time", S),
        ("milliseconds", N),
    ],
    "driver_standings": [
        ("round", N),
        ("driver_ref", S),
        ("points", F),
        ("position", N),
        ("position_text", S),
        ("wins", N),
    ],
    "constructor_standings": [
        ("round", N),
        ("constructor_ref", S),
        ("points", F),
        ("position", N),
        ("position_text", S),
        ("wins", N),
    ],
    "constructor_results": [("round", N), ("constructor_ref", S), ("points", F), ("status", S)],
}

DIMENSION_TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "seasons": [("year", N), ("url", S)],
    "circuits": [
        ("circuit_ref", S),
        ("name", S),
        ("location", S),
        ("country", S),
        ("lat", F),
        ("lng", F),
        ("url", S),
        ("ergast_id", N),
    ],
    "drivers": [
        ("driver_ref", S),
        ("number", N),
        ("code", S),
        ("forename", S),
        ("surname", S),
        ("dob", D),
        ("nationality", S),
        ("url", S),
        ("ergast_id", N),
    ],
    "constructors": [
        ("constructor_ref", S),
        ("name", S),
        ("nationality", S),
        ("url", S),
        ("ergast_id", N),
    ],
    "status": [("status", S)],
}

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

ERGAST_ID = "ergast_id"  # Ergast's numeric id (CSV path only); tables that have it:
ERGAST_ID_TABLES = frozenset({"races", "circuits", "drivers", "constructors"})


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
    """Select and cast `data` to the bronze schema (column order and types); a column it lacks
    (`ergast_id` in bronze written before it existed) is NULL."""
    schema = season_schema(table) if with_season else schema_of(table)
    for field in schema:
        if field.name not in data.column_names:
            data = data.append_column(field.name, pa.nulls(data.num_rows, field.type))
    return data.select(schema.names).cast(schema)


def keep_ergast_ids(table: str, old: pa.Table, new: pa.Table, keys: tuple[str, ...]) -> pa.Table:
    """`new` rows (from the API: no numeric ids) with the `ergast_id` of the `old` bronze row of
    the same `keys` (the reference; round and circuit of a season's races), e.g. from the dump."""
    if table not in ERGAST_ID_TABLES or ERGAST_ID not in old.column_names:
        return new

    def rows(data: pa.Table) -> list[tuple[object, ...]]:
        return list(zip(*(data.column(k).to_pylist() for k in keys), strict=True))

    ids = old.column(ERGAST_ID).to_pylist()
    known = {k: i for k, i in zip(rows(old), ids, strict=True) if i is not None}
    given = new.column(ERGAST_ID).to_pylist()
    merged = [i if i is not None else known.get(k) for k, i in zip(rows(new), given, strict=True)]
    index = new.column_names.index(ERGAST_ID)
    return new.set_column(index, ERGAST_ID, pa.array(merged, pa.int64()))


def lineage_for(source: str) -> Lineage:
    base = Lineage.now(offline=False)
    return Lineage(ingested_at=base.ingested_at, fastf1_version=base.fastf1_version, source=source)
