"""The feature table as the models see it: columns, targets and loading from the warehouse."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from f1lake.warehouse import read_connection

FEATURES: tuple[str, ...] = (
    "grid_slot",
    "field_size",
    "qualifying_gap_to_pole_pct",
    "season_progress",
    "driver_prior_starts",
    "driver_points_last5",
    "driver_finish_rate_last5",
    "driver_dnf_rate_last5",
    "driver_avg_finish_last5",
    "driver_season_points_before",
    "driver_circuit_starts",
    "driver_circuit_avg_finish",
    "driver_circuit_wins",
    "team_points_last5",
    "team_dnf_rate_last5",
    "grid_slot_vs_team",
    "points_last5_vs_team",
)
BASELINE_FEATURES: tuple[str, ...] = ("grid_slot",)
# Known only once qualifying is over: blank for a race whose grid is not set yet.
GRID_FEATURES: tuple[str, ...] = ("grid_slot", "qualifying_gap_to_pole_pct", "grid_slot_vs_team")
# Target name (as printed by `backtest --json`) -> boolean column of the feature table.
TARGETS: dict[str, str] = {
    "top10": "is_top10",
    "podium": "is_podium",
    "win": "is_win",
    "dnf": "is_dnf",
}
KEYS: tuple[str, ...] = (
    "driver_race_id",
    "season",
    "round",
    "event_id",
    "driver_ref",
    "constructor_ref",
)


def load_features(warehouse: Path) -> pd.DataFrame:
    """Every row of gold.ml_driver_race_features, features as floats (missing = NaN)."""
    return _read(warehouse, "", [], None)


def load_race(warehouse: Path, season: int, round_number: int) -> pd.DataFrame:
    """The rows of one race (one per driver; empty when the race is not in the table)."""
    return _read(warehouse, "where season = ? and round = ?", [season, round_number], 1)


def _read(warehouse: Path, where: str, parameters: list[int], threads: int | None) -> pd.DataFrame:
    with read_connection(warehouse, threads) as con:
        frame = con.execute(
            f"select * from gold.ml_driver_race_features {where} "
            "order by season, round, driver_ref",
            parameters,
        ).df()
    frame[list(FEATURES)] = frame[list(FEATURES)].astype("float64")
    return frame


def fingerprint(frame: pd.DataFrame) -> str:
    """A hash of the training rows (keys, features, targets): what a model version learnt from."""
    columns = [*KEYS, *FEATURES, *TARGETS.values()]
    digest = hashlib.sha256(
        pd.util.hash_pandas_object(frame[columns], index=False).to_numpy().tobytes()
    )
    return digest.hexdigest()[:16]
