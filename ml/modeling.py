"""The model and its baselines, fitted on the rows of a training window.

- `model`: the mean log-odds of a logistic regression (standardised features, missing values
  imputed with an indicator) and a histogram gradient boosting classifier, both on every
  feature plus the derived ones (ml/derived.py) and the Elo rating (ml/elo.py), and for the
  win (grid known) the `grid_form_elo` baseline's logistic as a third member (STACKED); for
  win, podium and top 10 the probabilities are then tilted per race to sum to 1, 3 and 10
  (ml/ranking.py). A second pair without the grid features predicts a race whose grid is not
  known yet (pre-qualifying).
- baselines, plain logistic regressions as a bettor would build them from the Ergast CSVs:
  `grid` (log and slot), `grid_form` (+ points of the last five races), `elo` (the rating
  alone), `grid_form_elo` (all three: the strongest), `form_elo` (no grid: the pre-qualifying
  baseline) and `base_rate` (the share of the last three training seasons' rows).

Everything is fitted by minimising log loss; the backtest reports calibration out of sample."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from ml.derived import MODEL_FEATURES, derive
from ml.elo import COLUMN as ELO
from ml.elo import INITIAL
from ml.qualifying import QualifyingPace, fit_pace, out_of_fold_gap, with_grid
from ml.ranking import Columns, Constant, LogitBlend, normalise

BASELINES: dict[str, tuple[str, ...]] = {
    "grid": ("log_grid", "grid_slot"),
    "grid_form": ("log_grid", "grid_slot", "sqrt_points_last5", "driver_points_last5"),
    "elo": (ELO,),
    "grid_form_elo": ("log_grid", "grid_slot", "sqrt_points_last5", "driver_points_last5", ELO),
    "form_elo": ("sqrt_points_last5", "driver_points_last5", ELO),
}
KINDS: tuple[str, ...] = ("model", *BASELINES, "base_rate")
# Boolean target column -> drivers per race who achieve it (None: no constraint, e.g. dnf).
PER_RACE: dict[str, int] = {"is_win": 1, "is_podium": 3, "is_top10": 10}
# Target column -> the baseline stacked into its model's blend (grid known). Chosen for the win
# on validation seasons only (2005-2014, walk-forward, nothing from 2015 on loaded): mean log
# loss 0.1029 -> 0.1018, difference -0.0011 [-0.0022, -0.0001], better in 8 of 10 seasons.
STACKED: dict[str, str] = {"is_win": "grid_form_elo"}
BASE_RATE_SEASONS = 3


@dataclass(frozen=True)
class EloTable:
    """Pre-race ratings of the rows seen at training (by driver_race_id) and every driver's
    latest rating: what a race read alone from the warehouse (POST /predict) is scored with."""

    by_row: dict[int, float] = field(default_factory=dict)
    latest: dict[str, float] = field(default_factory=dict)

    def values(self, frame: pd.DataFrame) -> np.ndarray:
        # plain dict look-ups: a race is ~20 rows (Series.map would copy the 25k-entry table)
        values = [
            self.by_row.get(row, self.latest.get(driver, INITIAL))
            for row, driver in zip(frame["driver_race_id"], frame["driver_ref"], strict=True)
        ]
        return np.asarray(values, dtype="float64")

    def fill(self, frame: pd.DataFrame) -> pd.DataFrame:
        if ELO in frame.columns:
            return frame
        return frame.assign(**{ELO: self.values(frame)})


@dataclass(frozen=True)
class Fitted:
    model: Any
    features: tuple[str, ...]
    per_race: int | None = None  # probabilities of a race sum to this
    pre: Any = None  # the model of races whose grid is unknown (pre-qualifying)
    pre_features: tuple[str, ...] = ()
    elo: EloTable = field(default_factory=EloTable)
    # fitted on float arrays, not DataFrames: scikit-learn's column-name checks cost more than
    # the prediction of a 20-row race (versions pickled before this were fitted on frames)
    arrays: bool = False
    # stage 1 (ml/qualifying.py): a race with no grid yet gets the predicted gap and grid and is
    # scored by `pre` on every feature (versions pickled before it: `pre` on the form alone)
    pace: QualifyingPace | None = None

    def _x(self, rows: pd.DataFrame, features: tuple[str, ...]) -> pd.DataFrame | np.ndarray:
        return _array(rows, features) if self.arrays else rows[list(features)]

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return self.predict_derived(derive(self.elo.fill(frame)))

    def predict_derived(
        self, rows: pd.DataFrame, filled: dict[tuple[int, int], pd.DataFrame] | None = None
    ) -> np.ndarray:
        """`predict` of rows that already have driver_elo and the derived columns. `filled`:
        the rows with stage 1's grid, per (stage 1 model, rows) object, shared by the targets
        of one race (their stage 1 is one object when the server loaded them: ml.predict)."""
        unknown = np.zeros(len(rows), dtype=bool)
        missing = rows["grid_slot"].isna().to_numpy()
        if self.pre is not None and missing.all():  # e.g. one race served before qualifying
            unknown = missing
        elif self.pre is not None and missing.any():
            # races with no grid slot at all: before qualifying
            known = rows["grid_slot"].notna().groupby(rows["event_id"]).transform("any")
            unknown = ~known.to_numpy(dtype=bool)
        if not unknown.any():  # one race served: no row selection
            p = self.model.predict_proba(self._x(rows, self.features))[:, 1]
        else:
            p = np.empty(len(rows))
            if (~unknown).any():
                known_rows = rows[~unknown]
                p[~unknown] = self.model.predict_proba(self._x(known_rows, self.features))[:, 1]
            blind = rows if unknown.all() else rows[unknown]
            if self.pace is not None:
                key = (id(self.pace), id(rows))
                known_fill = None if filled is None else filled.get(key)
                if known_fill is None:
                    known_fill = derive(with_grid(blind, self.pace.gap(blind)))
                    if filled is not None:
                        filled[key] = known_fill
                blind = known_fill
            p[unknown] = self.pre.predict_proba(self._x(blind, self.pre_features))[:, 1]
        if self.per_race is not None:
            p = normalise(p, rows["event_id"].to_numpy(), self.per_race)
        return p


def logistic() -> Pipeline:
    return make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True),
        StandardScaler(),
        LogisticRegression(max_iter=2000),
    )


def blend(seed: int, stacked: str | None = None) -> LogitBlend:
    """The logistic and the boosted trees on MODEL_FEATURES, plus the baseline `stacked` (a
    logistic on its features) as a third member when given (STACKED)."""
    boosted = HistGradientBoostingClassifier(
        max_iter=150,
        learning_rate=0.05,
        max_leaf_nodes=7,
        min_samples_leaf=80,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=seed,
    )
    members = [logistic(), boosted]
    if stacked is not None:
        columns = [MODEL_FEATURES.index(name) for name in BASELINES[stacked]]
        members.append(Columns(logistic(), columns))
    return LogitBlend(members)


def training_rows(frame: pd.DataFrame, before: int, window: int, min_season: int) -> pd.DataFrame:
    """Rows with a result of the `window` seasons before `before` (none before `min_season`)."""
    season = frame["season"]
    keep = frame["has_result"] & (season < before) & (season >= max(before - window, min_season))
    return frame[keep]


def stage1(frame: pd.DataFrame, seed: int) -> tuple[QualifyingPace, np.ndarray]:
    """The qualifying-pace model of `frame` and its out-of-fold gaps of `frame`'s rows (shared
    by the targets fitted on the same rows)."""
    return fit_pace(frame, seed), out_of_fold_gap(frame, seed)


def fit(
    kind: str,
    frame: pd.DataFrame,
    target: str,
    seed: int,
    pace: tuple[QualifyingPace, np.ndarray] | None = None,
) -> Fitted:
    """Fit `kind` (one of KINDS) on `frame` (rows with a result and driver_elo) for `target`;
    `pace`: stage1(frame), computed here when not given."""
    y = frame[target].astype(int).to_numpy()
    if kind == "base_rate":
        recent = frame[frame["season"] > frame["season"].max() - BASE_RATE_SEASONS]
        return Fitted(Constant(recent[target].astype(int).mean()), ())
    rows = derive(frame)
    if kind in BASELINES:
        features = BASELINES[kind]
        return Fitted(logistic().fit(_array(rows, features), y), features, arrays=True)
    if kind != "model":
        raise ValueError(f"unknown model kind {kind!r}: expected one of {', '.join(KINDS)}")
    model = blend(seed, STACKED.get(target)).fit(_array(rows, MODEL_FEATURES), y)
    qualifying, gap = pace if pace is not None else stage1(frame, seed)
    predicted = derive(with_grid(frame, gap))  # the grid as stage 1 predicts it, out of fold
    pre = blend(seed).fit(_array(predicted, MODEL_FEATURES), y)
    return Fitted(
        model,
        MODEL_FEATURES,
        PER_RACE.get(target),
        pre,
        MODEL_FEATURES,
        arrays=True,
        pace=qualifying,
    )


def _array(rows: pd.DataFrame, features: tuple[str, ...]) -> np.ndarray:
    """The float matrix of `features` (column by column: selecting a sub-frame first costs
    more than a 20-row race's prediction)."""
    columns = [rows[name].to_numpy(dtype="float64") for name in features]
    return np.column_stack(columns) if columns else np.empty((len(rows), 0))
