"""Feature drift: the population stability index (PSI) of a feature between a recent reference
window of the seasons a model learnt from (`expected`: the REFERENCE_SEASONS seasons before the
latest, out of the training seasons) and recent rows (`actual`: the latest season's races with
a result). Against the whole history (1950-) the features of any modern season read as drifted
(points systems, field sizes and reliability changed), so the alarm was always on; against the
seasons just before, a season like the ones before reads stable.

Bins: 10 quantile bins of the training values (deciles; edges that coincide for discrete
features merge, so a feature may have fewer bins) plus one bin for missing values, since a
feature going missing more often is drift too. With p_e and p_a the shares of the expected and
actual rows per bin, each floored at EPSILON so an empty bin stays finite:

    PSI = sum over bins of (p_a - p_e) * ln(p_a / p_e)

Reading it (the usual credit-scoring convention): below 0.1 the population is stable, 0.1 to
0.25 is a moderate shift worth watching, above 0.25 a significant shift — retrain or look at
the feature (PSI_MODERATE, PSI_SIGNIFICANT).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BINS = 10
EPSILON = 1e-4
PSI_MODERATE = 0.1
PSI_SIGNIFICANT = 0.25
REFERENCE_SEASONS = 3


def bin_shares(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Share of `values` per bin (-inf, e1], (e1, e2], ..., (ek, inf), then missing (NaN)."""
    missing = np.isnan(values)
    index = np.searchsorted(edges, values[~missing], side="left")
    counts = np.bincount(index, minlength=len(edges) + 1).astype("float64")
    counts = np.append(counts, missing.sum())
    return counts / max(len(values), 1)


def psi(expected: np.ndarray, actual: np.ndarray) -> float:
    """PSI of `actual` against `expected` (1-d float arrays, NaN = missing); NaN when either
    side has no rows or the expected side has no value at all."""
    expected = np.asarray(expected, dtype="float64")
    actual = np.asarray(actual, dtype="float64")
    present = expected[~np.isnan(expected)]
    if len(actual) == 0 or len(present) == 0:
        return float("nan")
    quantiles = np.quantile(present, np.arange(1, BINS) / BINS)
    edges = np.unique(quantiles)
    p_e = np.maximum(bin_shares(expected, edges), EPSILON)
    p_a = np.maximum(bin_shares(actual, edges), EPSILON)
    return float(np.sum((p_a - p_e) * np.log(p_a / p_e)))


def feature_psi(
    frame: pd.DataFrame, features: tuple[str, ...], training_seasons: list[int]
) -> tuple[int | None, dict[str, float]]:
    """(season, {feature: PSI}): the rows with a result of the latest season that has any,
    against the rows with a result of the REFERENCE_SEASONS seasons before it among
    `training_seasons` (what `ml train` fitted on; all of them when none is that recent). Races
    still to run are left out on both sides: their grid is blank by design (not drift)."""
    rows = frame[frame["has_result"]]
    if rows.empty:
        return None, {}
    latest = int(rows["season"].max())
    window = [s for s in training_seasons if latest - REFERENCE_SEASONS <= s < latest]
    recent = rows[rows["season"] == latest]
    # the same part of the season: a season under way has no late-season rows yet
    reference = rows[
        rows["season"].isin(window or training_seasons) & (rows["round"] <= recent["round"].max())
    ]
    scores = {
        name: psi(reference[name].to_numpy("float64"), recent[name].to_numpy("float64"))
        for name in features
    }
    return latest, scores
