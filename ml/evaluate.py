"""Scores of predicted probabilities: log loss, Brier, ROC AUC, expected calibration error, the
reliability table, the top pick's hits and a race-level bootstrap interval (races are the unit
that is resampled: the drivers of one race are not independent)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

BINS = 10
BOOTSTRAP = 1000
CLIP = 1e-6


def losses(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Per-row log loss."""
    p = np.clip(p, CLIP, 1 - CLIP)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def reliability(y: np.ndarray, p: np.ndarray) -> pd.DataFrame:
    """Per bin of predicted probability (tenths): rows, mean predicted, observed frequency."""
    frame = pd.DataFrame({"bin": np.minimum((p * BINS).astype(int), BINS - 1), "p": p, "y": y})
    table = frame.groupby("bin").agg(
        rows=("y", "size"), predicted=("p", "mean"), observed=("y", "mean")
    )
    return table.reset_index()


def ece(y: np.ndarray, p: np.ndarray) -> float:
    """Expected calibration error: row-weighted mean |observed - predicted| over the bins."""
    table = reliability(y, p)
    gap = (table["observed"] - table["predicted"]).abs()
    return float((gap * table["rows"]).sum() / max(len(y), 1))


def race_interval(
    loss: np.ndarray, races: np.ndarray, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Bootstrap interval of the mean of `loss` (per row), resampling whole races."""
    sums = pd.Series(loss).groupby(races).agg(["sum", "size"]).to_numpy()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(sums), size=(BOOTSTRAP, len(sums)))
    means = sums[picks, 0].sum(axis=1) / sums[picks, 1].sum(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)


def scores(y: np.ndarray, p: np.ndarray, races: np.ndarray) -> dict[str, float | list[float]]:
    """Log loss (with its race bootstrap interval), Brier, ROC AUC and ECE."""
    p = np.clip(p, CLIP, 1 - CLIP)
    auc = roc_auc_score(y, p) if len(set(y)) > 1 else float("nan")
    return {
        "log_loss": float(log_loss(y, p, labels=[0, 1])),
        "log_loss_ci": list(race_interval(losses(y, p), races)),
        "brier": float(brier_score_loss(y, p)),
        "roc_auc": float(auc),
        "ece": ece(y, p),
    }


def top_pick_hits(y: np.ndarray, p: np.ndarray, races: np.ndarray) -> int:
    """Races whose most probable driver did achieve the target."""
    frame = pd.DataFrame({"race": races, "p": p, "y": y})
    return int(frame.loc[frame.groupby("race")["p"].idxmax(), "y"].sum())
