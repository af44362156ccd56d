"""Checks on the served warehouse: row counts of every served table and the latest best laps."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from f1lake.settings import DataLayout
from f1lake.warehouse import detect_schemas, read_connection


@dataclass(frozen=True)
class TableCount:
    schema: str
    table: str
    rows: int


@dataclass(frozen=True)
class BestLap:
    session_id: str
    session_label: str
    driver_code: str
    lap_time_ms: int


# Served tables fed only by `ingestion run --telemetry`: empty is fine while bronze has no car_data.
TELEMETRY_TABLES = frozenset({"stg_car_data", "fct_fastest_lap_telemetry"})


def telemetry_ingested(layout: DataLayout) -> bool:
    return any(layout.bronze_table("car_data").glob("season=*/round=*/session=*/*.parquet"))


# Served from the `qualifying_parts` bronze table: empty is fine while bronze has none of it (bronze
# ingested before the table existed, or no qualifying session ingested / split by Fast-F1).
QUALIFYING_PARTS_TABLES = frozenset({"stg_qualifying_parts"})


def qualifying_parts_ingested(layout: DataLayout) -> bool:
    return any(layout.bronze_table("qualifying_parts").glob("season=*/round=*/session=*/*.parquet"))


# Served tables fed only by `ingestion history`: empty is fine while bronze has no history; lap
# times only come with `--lap-times` online (the public CSV dumps leave them out).
# (results, standings, careers and ml features are conformed: Fast-F1 fills them without it)
HISTORY_GOLD = frozenset({"dim_circuits", "circuit_history", "history_fastf1_agreement"})


def history_tables(counts: list[TableCount], layout: DataLayout) -> set[str]:
    names = {c.table for c in counts if c.table.startswith(("stg_history_", "int_history_"))}
    if any((layout.history / "races").glob("season=*/*.parquet")):
        return {"stg_history_lap_times"}
    return names | HISTORY_GOLD


# Served tables fed only by `python -m ml predict` (predictions/ on the data root, beside bronze/):
# empty is fine until a race has been predicted, never once a prediction file exists.
PREDICTION_TABLES = frozenset({"stg_ml_predictions", "fct_predictions"})


def predictions_made(layout: DataLayout) -> bool:
    return any(layout.predictions.glob("season=*/round=*/part-0.parquet"))


# Served tables fed only by `ingestion openf1`: all may be empty without OpenF1 bronze; with it,
# only the sessions' own rows must be there (an endpoint may have nothing for the sessions
# ingested, and OpenF1 fills only sessions Fast-F1 has no laps for).
OPENF1_REQUIRED = "stg_openf1_sessions"
OPENF1_GOLD = frozenset({"fct_overtakes", "openf1_fastf1_agreement"})


def openf1_tables(counts: list[TableCount], layout: DataLayout) -> set[str]:
    names = {c.table for c in counts if c.table.startswith(("stg_openf1_", "int_openf1_"))}
    names |= OPENF1_GOLD
    if any(layout.bronze_table("openf1/sessions").glob("season=*/round=*/session=*/*.parquet")):
        return names - {OPENF1_REQUIRED}
    return names


def empty_reason(table: str) -> str:
    """Why an allowed-empty served table has no rows (shown beside its count)."""
    if "openf1" in table or table in OPENF1_GOLD:
        return "nothing from OpenF1 for it"
    if table in PREDICTION_TABLES:
        return "no predictions made"
    if table in TELEMETRY_TABLES:
        return "no telemetry ingested"
    if table in QUALIFYING_PARTS_TABLES:
        return "no qualifying parts in bronze"
    if table == "stg_history_lap_times":
        return "no lap times in the history source"
    return "no history ingested"


def empty_tables(counts: list[TableCount], layout: DataLayout) -> list[str]:
    """Served tables with no rows that should have some (telemetry ones only with car_data,
    prediction ones only once a race has been predicted)."""
    optional = set() if telemetry_ingested(layout) else set(TELEMETRY_TABLES)
    optional |= history_tables(counts, layout)
    if not qualifying_parts_ingested(layout):
        optional |= QUALIFYING_PARTS_TABLES
    optional |= openf1_tables(counts, layout)
    if not predictions_made(layout):
        optional |= PREDICTION_TABLES
    return [f"{c.schema}.{c.table}" for c in counts if c.rows == 0 and c.table not in optional]


def served_table_counts(path: Path) -> list[TableCount]:
    """Row count of every table in the served silver and gold schemas."""
    with read_connection(path) as con:
        schemas = detect_schemas(con)
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in (?, ?) order by table_schema desc, table_name",
            list(schemas.names()),
        ).fetchall()
        counts = []
        for schema, table in tables:
            row = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
            counts.append(TableCount(schema, table, row[0] if row else 0))
        return counts


def latest_best_laps(path: Path, limit: int = 5) -> list[BestLap]:
    """The fastest lap of the most recent sessions that have laps."""
    with read_connection(path) as con:
        gold = detect_schemas(con).gold
        rows = con.execute(
            f"""
            select session_id, season || ' ' || event_name || ' ' || session_name,
                   fastest_lap_driver_code, fastest_lap_ms
            from "{gold}".dim_sessions
            where fastest_lap_ms is not null
            order by session_start_at desc nulls last, session_id desc
            limit ?
            """,
            [limit],
        ).fetchall()
    return [BestLap(r[0], r[1], r[2], int(r[3])) for r in rows]


def format_lap_time(ms: int) -> str:
    minutes, rest = divmod(ms, 60_000)
    return f"{minutes}:{rest / 1000:06.3f}"
