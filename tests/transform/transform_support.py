"""Helpers for the transform tests: Fast-F1 from a temp copy of the real cache, root copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb

from tests.conftest import require_shared_cache
from tests.ingestion.fastf1_reference import open_reference_cache

SERVED_SILVER = {
    "stg_events", "stg_sessions", "stg_results", "stg_laps", "stg_weather", "stg_race_control",
    "stints", "pit_stops", "season_drivers", "stg_car_data",
}  # fmt: skip
SERVED_GOLD = {
    "dim_events", "dim_sessions", "dim_drivers", "dim_teams", "fct_laps", "fct_results",
    "fct_stints", "fct_pit_stops", "driver_session_summary", "team_event_summary",
    "driver_standings", "teammate_head_to_head", "session_weather_summary",
    "warehouse_build_info", "fct_fastest_lap_telemetry",
}  # fmt: skip
# Ergast history (issue 12): built even when no history is ingested (then empty).
SERVED_SILVER |= {f"stg_history_{t}" for t in (
    "races", "results", "sprint_results", "qualifying", "pit_stops", "lap_times",
    "driver_standings", "constructor_standings", "constructor_results", "seasons", "circuits",
    "drivers", "constructors", "status",
)} | {"int_history_race_classifications", "int_history_driver_identity"}  # fmt: skip
SERVED_GOLD |= {
    "fct_history_results", "season_champions", "driver_career", "constructor_career",
    "circuit_history", "history_fastf1_agreement", "history_event_identity",
    "history_team_identity",
}  # fmt: skip

SESSION_CODES = {
    "Practice 1": "FP1", "Practice 2": "FP2", "Practice 3": "FP3", "Sprint Qualifying": "SQ",
    "Sprint Shootout": "SS", "Sprint": "S", "Qualifying": "Q", "Race": "R",
}  # fmt: skip


def catalog() -> list[dict[str, Any]]:
    """The real cache's catalog: one entry per session with its row counts per table."""
    folder = require_shared_cache("all")
    lines = (folder / "catalog.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def session_id(entry: dict[str, Any]) -> str:
    return f"{entry['year']:04d}-{entry['round']:02d}-{SESSION_CODES[entry['session']]}"


def fastf1_from_copy(tmp: Path) -> Any:
    """Fast-F1 configured offline on a temp COPY of the real `all/` cache."""
    import fastf1

    open_reference_cache(require_shared_cache("all"), tmp)
    return fastf1


def copy_data_root(source: Path, target: Path, *, with_warehouse: bool = True) -> Path:
    """Copy bronze (and the served warehouse) of a data root; never the Fast-F1 cache."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "bronze", target / "bronze")
    (target / "warehouse").mkdir(exist_ok=True)
    if with_warehouse:
        shutil.copy(source / "warehouse" / "f1.duckdb", target / "warehouse" / "f1.duckdb")
    return target


def query(path: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
