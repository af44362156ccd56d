"""An Elo-style driver rating from finishing orders (a multi-player Elo): each race is the
round robin of its drivers' pairwise duels — the driver classified ahead wins the duel, two
unclassified drivers draw. A driver's expected score against a rival is the logistic
1 / (1 + 10 ** ((R_rival - R_driver) / 400)); after the race the rating moves by
K * (actual - expected) averaged over the rivals (K = K_FACTOR). New drivers start at INITIAL;
between seasons ratings shrink towards INITIAL by SEASON_SHRINK (teams change over a winter).

`driver_elo` of a row is the rating *before* its race: only earlier races move it, so the column
is free of leakage like every feature of gold.ml_driver_race_features."""

from __future__ import annotations

import numpy as np
import pandas as pd

INITIAL = 1500.0
K_FACTOR = 24.0
SEASON_SHRINK = 0.2
COLUMN = "driver_elo"


def race_update(ratings: np.ndarray, finish: np.ndarray) -> np.ndarray:
    """Rating changes of one race's drivers (finish: classified position, NaN = unclassified)."""
    n = len(ratings)
    if n < 2:
        return np.zeros(n)
    order = np.where(np.isnan(finish), np.inf, finish)
    actual = (order[:, None] < order[None, :]) + 0.5 * (order[:, None] == order[None, :])
    expected = 1.0 / (1.0 + 10.0 ** ((ratings[None, :] - ratings[:, None]) / 400.0))
    np.fill_diagonal(actual, 0.0)
    np.fill_diagonal(expected, 0.0)
    return K_FACTOR * (actual.sum(axis=1) - expected.sum(axis=1)) / (n - 1)


def pre_race_elo(frame: pd.DataFrame) -> tuple[pd.Series, dict[str, float]]:
    """(driver_elo per row of `frame`, indexed like it; every driver's rating after the last
    race with a result). Rows of races still to run get the current ratings, no update."""
    ratings: dict[str, float] = {}
    values = pd.Series(np.nan, index=frame.index, dtype="float64")
    season_seen = None
    ordered = frame.sort_values(["season", "round"], kind="stable")
    for (season, _), race in ordered.groupby(["season", "round"], sort=False):
        if season_seen is not None and season != season_seen:
            ratings = {d: INITIAL + (1 - SEASON_SHRINK) * (r - INITIAL) for d, r in ratings.items()}
        season_seen = season
        drivers = race["driver_ref"].to_numpy()
        before = np.array([ratings.get(d, INITIAL) for d in drivers])
        values.loc[race.index] = before
        if bool(race["has_result"].all()):
            after = before + race_update(
                before, race["finish_position"].astype("float64").to_numpy()
            )
            ratings.update(zip(drivers, after, strict=True))
    return values, ratings


def with_elo(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` plus its driver_elo column (computed over `frame`'s own races, in order)."""
    values, _ = pre_race_elo(frame)
    return frame.assign(**{COLUMN: values})
