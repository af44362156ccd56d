"""Every SQL statement the dashboard runs, and how it reaches the warehouse: `connection` (one
short-lived read-only connection per query, cached per warehouse identity), then one module per
page group. Pages use `from dashboard import queries` and `queries.<name>`."""

from dashboard.queries.compare import (
    driver_laps,
    fastest_lap_telemetry,
    sector_bests,
    session_drivers,
)
from dashboard.queries.connection import (
    CACHE_TTL_S,
    WarehouseKey,
    WarehouseOutdatedError,
    run_query,
    scalar_frame,
    warehouse_key,
)
from dashboard.queries.history import (
    circuit_winners,
    circuits_history,
    driver_careers,
    driver_season_points,
    season_champions,
)
from dashboard.queries.predictions import (
    PREDICTION_TARGETS,
    in_training_sample,
    predicted_races,
    prediction_reliability,
    race_predictions,
)
from dashboard.queries.qualifying import QUALIFYING_LIKE, qualifying_classification
from dashboard.queries.race import (
    compound_pace,
    lap_end_times,
    leader_track_status,
    stint_summary,
)
from dashboard.queries.season import (
    constructor_standings,
    driver_standings,
    season_results,
    standings_seasons,
)
from dashboard.queries.sessions import (
    RACE_LIKE,
    build_info,
    clean_laps,
    fastest_laps,
    pit_stops,
    positions,
    race_control,
    session_kpis,
    session_results,
    sessions_catalog,
    stints,
    team_summaries,
    weather_summary,
)

__all__ = [
    "CACHE_TTL_S",
    "PREDICTION_TARGETS",
    "QUALIFYING_LIKE",
    "RACE_LIKE",
    "WarehouseKey",
    "WarehouseOutdatedError",
    "build_info",
    "circuit_winners",
    "circuits_history",
    "clean_laps",
    "compound_pace",
    "constructor_standings",
    "driver_careers",
    "driver_laps",
    "driver_season_points",
    "driver_standings",
    "fastest_lap_telemetry",
    "fastest_laps",
    "in_training_sample",
    "lap_end_times",
    "leader_track_status",
    "pit_stops",
    "positions",
    "predicted_races",
    "prediction_reliability",
    "qualifying_classification",
    "race_control",
    "race_predictions",
    "run_query",
    "scalar_frame",
    "season_champions",
    "season_results",
    "sector_bests",
    "session_drivers",
    "session_kpis",
    "session_results",
    "sessions_catalog",
    "standings_seasons",
    "stint_summary",
    "stints",
    "team_summaries",
    "warehouse_key",
    "weather_summary",
]
