"""The two model families: a gradient-boosted classifier on every feature, and the baseline — a
logistic regression on the grid slot alone. Both are fitted by minimising log loss, so their
probabilities are calibrated in the proper-scoring sense; with `calibrate=True` the boosted
model is wrapped in isotonic calibration on held-out folds (CalibratedClassifierCV, 4x the
fitting time). The backtest report's reliability diagram shows calibration out of sample."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline

from ml.features import BASELINE_FEATURES, FEATURES, GRID_FEATURES

Model: TypeAlias = HistGradientBoostingClassifier | CalibratedClassifierCV | Pipeline


def boosted(
    seed: int, calibrate: bool = False
) -> HistGradientBoostingClassifier | CalibratedClassifierCV:
    base = HistGradientBoostingClassifier(
        max_iter=120, learning_rate=0.06, max_leaf_nodes=15, min_samples_leaf=40,
        l2_regularization=1.0, early_stopping=False, random_state=seed,
    )  # fmt: skip
    return CalibratedClassifierCV(base, method="isotonic", cv=3) if calibrate else base


def baseline() -> Pipeline:
    return make_pipeline(SimpleImputer(strategy="median"), LogisticRegression())


@dataclass(frozen=True)
class Fitted:
    model: Model
    features: tuple[str, ...]

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return self.model.predict_proba(frame[list(self.features)])[:, 1]


def fit(kind: str, frame: pd.DataFrame, target: str, seed: int) -> Fitted:
    """Fit `kind` ('model' or 'baseline') on the rows of `frame` for the boolean `target`.

    The boosted model also learns every training row a second time with the grid features
    blank, so it can predict a race before its qualifying (grid unknown) from form alone."""
    if kind == "baseline":
        model: Model = baseline()
        model.fit(frame[list(BASELINE_FEATURES)], frame[target].astype(int))
        return Fitted(model, BASELINE_FEATURES)
    pre_qualifying = frame.assign(**{column: np.nan for column in GRID_FEATURES})
    rows = pd.concat([frame, pre_qualifying], ignore_index=True)
    model = boosted(seed)
    model.fit(rows[list(FEATURES)], rows[target].astype(int))
    return Fitted(model, FEATURES)


def metrics(y_true: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Log loss, Brier score and ROC AUC of probabilities `p` (AUC is NaN for a single class)."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    auc = roc_auc_score(y_true, p) if len(set(y_true)) > 1 else float("nan")
    return {
        "log_loss": float(log_loss(y_true, p, labels=[0, 1])),
        "brier": float(brier_score_loss(y_true, p)),
        "roc_auc": float(auc),
    }


def top_pick_hit_rate(frame: pd.DataFrame, target: str, p: np.ndarray) -> float:
    """Share of races whose most probable driver did achieve `target` (win / podium)."""
    scored = frame.assign(p=p)
    picks = scored.loc[scored.groupby("event_id")["p"].idxmax()]
    return float(picks[target].astype(bool).mean())
