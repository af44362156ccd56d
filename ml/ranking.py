"""Probabilities that are consistent within a race, and the blend the model is made of.

A race has exactly one winner, three podium finishers and ten top-10 finishers, so the
probabilities of its drivers must sum to k = 1, 3 and 10. Independent per-driver classifiers do
not know who else is in the field and break this (P(win) summed to 0.57-1.60 per race before).
`normalise` shifts every driver's log-odds by the same race constant c, solved so that
sum_i sigmoid(z_i + c) = k: the exponential tilting of the independent model onto the set of
vectors with the right sum (the closest one in Kullback-Leibler divergence among those with
log-odds moved by a common amount). It keeps each driver's odds ratio against every rival, the
order of the drivers, and every probability inside (0, 1); for the win it equals the softmax of
the log-odds when they are small (the conditional logit of a Plackett-Luce first place).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq
from scipy.special import expit, logit

CLIP = 1e-6


def shift_to_sum(z: np.ndarray, k: float) -> np.ndarray:
    """sigmoid(z + c) with c such that the result sums to k (0 < k < len(z))."""
    if len(z) == 0:
        return z
    k = min(float(k), len(z) - 0.5)  # a field of k drivers or fewer: nearly certain, not 1.0
    c = brentq(lambda c: float(expit(z + c).sum()) - k, -60.0, 60.0, xtol=1e-10)
    return np.asarray(expit(z + c))


def normalise(p: np.ndarray, races: np.ndarray, k: float) -> np.ndarray:
    """Per race (rows with the same `races` value), probabilities `p` tilted to sum to k."""
    z = logit(np.clip(np.asarray(p, dtype="float64"), CLIP, 1 - CLIP))
    out = np.empty_like(z)
    codes, _ = pd.factorize(pd.Series(races))
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    for group in np.split(order, bounds):
        out[group] = shift_to_sum(z[group], k)
    return out


class LogitBlend:
    """The mean log-odds of fitted binary classifiers (predict_proba like one of them)."""

    def __init__(self, estimators: list) -> None:
        self.estimators = estimators

    def fit(self, x: pd.DataFrame | np.ndarray, y: np.ndarray) -> LogitBlend:
        for estimator in self.estimators:
            estimator.fit(x, y)
        return self

    def predict_proba(self, x: pd.DataFrame | np.ndarray) -> np.ndarray:
        z = np.mean(
            [logit(np.clip(e.predict_proba(x)[:, 1], CLIP, 1 - CLIP)) for e in self.estimators],
            axis=0,
        )
        p = expit(z)
        return np.column_stack([1 - p, p])


class Columns:
    """An estimator fitted on (and predicting from) some columns of the matrix it is given: a
    baseline's features among the model's, so a LogitBlend can hold the baseline too."""

    def __init__(self, estimator: Any, columns: list[int]) -> None:
        self.estimator, self.columns = estimator, columns

    def fit(self, x: np.ndarray, y: np.ndarray) -> Columns:
        self.estimator.fit(x[:, self.columns], y)
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self.estimator.predict_proba(x[:, self.columns])


class Constant:
    """A base rate: the same probability for every row (predict_proba like a classifier)."""

    def __init__(self, rate: float) -> None:
        self.rate = float(rate)

    def predict_proba(self, x: pd.DataFrame | np.ndarray) -> np.ndarray:
        return np.tile([1 - self.rate, self.rate], (len(x), 1))
