"""Columns the models derive from the feature table's row and its race: transforms a linear
model needs (log of the grid slot, square root of points) and the driver's standing against
the field of the same race. Every input is known before the race, so these are too."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ml.elo import COLUMN as ELO

# Grid known (post-qualifying): every feature; grid unknown (pre-qualifying): no grid feature.
FORM: tuple[str, ...] = (
    "sqrt_points_last5",
    "driver_points_last5",
    ELO,
    "elo_vs_field",
    "points_vs_field",
    "sqrt_team_points_last5",
    "team_points_last5",
    "driver_finish_rate_last5",
    "driver_dnf_rate_last5",
    "team_dnf_rate_last5",
    "driver_avg_finish_last5",
    "points_last5_vs_team",
    "driver_circuit_avg_finish",
    "season_progress",
)
GRID: tuple[str, ...] = ("log_grid", "grid_slot", "qualifying_gap_to_pole_pct", "grid_slot_vs_team")
MODEL_FEATURES: tuple[str, ...] = (*GRID, *FORM)


def derive(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (with driver_elo) plus the derived columns."""
    elo, points = frame[ELO], frame["driver_points_last5"]
    field_elo: float | pd.Series
    field_points: float | pd.Series
    if frame["event_id"].nunique() <= 1:  # one race (serving): no group-by needed
        field_elo, field_points = elo.mean(), points.max()
    else:
        race = frame.groupby("event_id", sort=False)
        field_elo, field_points = (
            race[ELO].transform("mean"),
            race["driver_points_last5"].transform("max"),
        )

    def column(name: str) -> np.ndarray:
        return frame[name].to_numpy(dtype="float64")

    points_values = column("driver_points_last5")
    with np.errstate(invalid="ignore"):  # NaN in, NaN out (numpy's clip keeps NaN)
        columns = {
            "log_grid": np.log(np.clip(column("grid_slot"), 1, None)),
            "sqrt_points_last5": np.sqrt(np.clip(points_values, 0, None)),
            "sqrt_team_points_last5": np.sqrt(np.clip(column("team_points_last5"), 0, None)),
            "elo_vs_field": (elo - field_elo).to_numpy(dtype="float64"),
            "points_vs_field": (points / (np.nan_to_num(field_points) + 1)).to_numpy(
                dtype="float64"
            ),
        }
    if frame.columns.isin(list(columns)).any():  # derived already: replaced in place
        return frame.assign(**columns)
    # one concatenation (assign inserts, and copies, column by column)
    return pd.concat([frame, pd.DataFrame(columns, index=frame.index)], axis=1)
