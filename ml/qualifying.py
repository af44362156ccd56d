"""Stage 1: qualifying pace. Before qualifying, predict each driver's qualifying gap to pole (%)
and so the grid (drivers ranked by the predicted gap). Inputs, all known before qualifying
(gold.ml_driver_race_features; tests/ml/test_stage1_inputs.py checks they do not move when the
race's own qualifying and later races change): the driver's gap in his latest race and over his
last five, his team's faster car's gap over its last five races, the weekend's practice pace
where Fast-F1 has laps of a practice session run before qualifying (`practice_gap_pct`), the
Elo rating and points form. A gradient-boosted regressor with absolute loss (the median gap:
one lap without a time or rain between Q1 and Q3 makes gaps of 5-20 %), missing inputs handled
by the trees. Its baseline is "same as the last race": the gap of the driver's latest race, the
grid of his latest race.

Stage 2 (ml/modeling.py) uses the predicted gap and grid in place of the real ones for a race
whose grid is not known yet; its pre-qualifying model learns from out-of-fold predictions
(seasons held out in turn), so it is fitted on predictions as noisy as the ones it is served."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import GroupKFold

from ml.elo import COLUMN as ELO

INPUTS: tuple[str, ...] = (
    "driver_quali_gap_last",
    "driver_quali_gap_last5",
    "team_quali_gap_last5",
    "practice_gap_pct",
    ELO,
    "driver_points_last5",
    "team_points_last5",
    "driver_prior_starts",
)
TARGET = "qualifying_gap_to_pole_pct"
GAP_CAP = 10.0  # training gaps clipped here: a slower lap than that is not pace
FOLDS = 5


def regressor(seed: int) -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(
        loss="absolute_error",
        max_iter=200,
        learning_rate=0.05,
        max_leaf_nodes=15,
        min_samples_leaf=40,
        early_stopping=False,
        random_state=seed,
    )


def _x(rows: pd.DataFrame, inputs: tuple[str, ...] = INPUTS) -> np.ndarray:
    return np.column_stack([rows[name].to_numpy(dtype="float64") for name in inputs])


def _informative(rows: pd.DataFrame) -> tuple[str, ...]:
    """The inputs with two values at least in `rows` (practice laps exist from 2018 only)."""
    return tuple(c for c in INPUTS if rows[c].nunique() >= 2)


def _y(rows: pd.DataFrame) -> np.ndarray:
    return rows[TARGET].clip(lower=0, upper=GAP_CAP).to_numpy(dtype="float64")


@dataclass(frozen=True)
class QualifyingPace:
    """The fitted stage-1 regressor."""

    model: Any
    inputs: tuple[str, ...] = INPUTS

    def gap(self, rows: pd.DataFrame) -> np.ndarray:
        return np.clip(self.model.predict(_x(rows, self.inputs)), 0.0, None)

    def fill(self, rows: pd.DataFrame) -> pd.DataFrame:
        """`rows` (races whose grid is unknown) with the predicted gap and grid in place."""
        return with_grid(rows, self.gap(rows))


def trainable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame[TARGET].notna()]


def fit_pace(frame: pd.DataFrame, seed: int) -> QualifyingPace:
    """Fitted on the rows of `frame` (with driver_elo) that have a qualifying gap."""
    rows = trainable(frame)
    inputs = _informative(rows)
    return QualifyingPace(regressor(seed).fit(_x(rows, inputs), _y(rows)), inputs)


def out_of_fold_gap(frame: pd.DataFrame, seed: int) -> np.ndarray:
    """Predicted gap of every row of `frame`, each from a regressor that did not see its season
    (GroupKFold by season); NaN-free."""
    gap = np.empty(len(frame))
    seasons = frame["season"].to_numpy()
    has_target = frame[TARGET].notna().to_numpy()
    folds = min(FOLDS, len(np.unique(seasons)))
    if folds < 2:
        return fit_pace(frame, seed).gap(frame)
    for train, test in GroupKFold(n_splits=folds).split(frame, groups=seasons):
        pace = fit_pace(frame.iloc[train[has_target[train]]], seed)
        gap[test] = pace.gap(frame.iloc[test])
    return gap


def grid_from_gap(gap: np.ndarray, races: np.ndarray) -> np.ndarray:
    """Slot of each row in its race when ranked by `gap` (1 = fastest; ties by row order)."""
    ranks = pd.Series(gap).groupby(pd.Series(races)).rank(method="first")
    return ranks.to_numpy(dtype="float64")


def with_grid(rows: pd.DataFrame, gap: np.ndarray) -> pd.DataFrame:
    """`rows` with qualifying_gap_to_pole_pct, grid_slot and grid_slot_vs_team predicted."""
    events = rows["event_id"].to_numpy()
    if len(rows) and (events == events[0]).all():  # one race (serving): numpy, no group-by
        slot = np.empty(len(rows))
        slot[np.argsort(gap, kind="stable")] = np.arange(1, len(rows) + 1)
        teams = rows["constructor_ref"]
        _, team, size = np.unique(
            teams.fillna("").to_numpy(dtype=str), return_inverse=True, return_counts=True
        )
        team_mean = (np.bincount(team, weights=slot) / size)[team]
        # as the group-by: no team, no team-mate
        vs_team = np.where((size[team] > 1) & teams.notna().to_numpy(), slot - team_mean, np.nan)
    else:
        slot = grid_from_gap(gap, events)
        by = [rows["event_id"], rows["constructor_ref"]]
        team_slots = pd.Series(slot, index=rows.index).groupby(by)
        mean, team_size = team_slots.transform("mean"), team_slots.transform("size")
        vs_team = np.where(team_size > 1, slot - mean, np.nan)
    return rows.assign(
        **{TARGET: gap, "grid_slot": slot, "grid_slot_vs_team": vs_team.astype("float64")}
    )


def walk_forward_pace(
    frame: pd.DataFrame, seasons: list[int], seed: int, window: int, min_season: int
) -> pd.DataFrame:
    """Stage 1 backtest, `frame` with driver_elo: per season S, the regressor fitted on the
    window before S and "same as the last race", one row per (kind, driver of S's races with a
    qualifying gap): predicted and actual gap, predicted and actual grid slot."""
    from ml.modeling import training_rows

    parts = []
    for season in seasons:
        train = trainable(training_rows(frame, season, window, min_season))
        races = frame[frame["has_result"] & (frame["season"] == season)]
        if train.empty or races.empty:
            continue
        event = races["event_id"].to_numpy()
        last_gap = races["driver_quali_gap_last"]
        last_gap = last_gap.fillna(last_gap.groupby(races["event_id"]).transform("median"))
        last_grid = (
            races["driver_grid_last"]
            .groupby(races["event_id"])
            .rank(method="first", na_option="bottom")
        )
        model_gap = fit_pace(train, seed).gap(races)
        kinds = {
            "model": (model_gap, grid_from_gap(model_gap, event)),
            "last_race": (last_gap.to_numpy(), last_grid.to_numpy(dtype="float64")),
        }
        for kind, (gap, grid) in kinds.items():
            rows = pd.DataFrame(
                {
                    "kind": kind,
                    "season": season,
                    "race": event,
                    "gap": gap,
                    "actual_gap": races[TARGET].to_numpy(dtype="float64"),
                    "grid": grid,
                    "actual_grid": races["grid_slot"].to_numpy(dtype="float64"),
                    "practice": races["practice_gap_pct"].notna().to_numpy(),
                }
            )
            parts.append(rows[rows["actual_gap"].notna()])
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def pace_scores(rows: pd.DataFrame) -> dict[str, float | int]:
    """MAE of the gap (actual clipped at GAP_CAP, as trained) and the mean over races of the
    Spearman correlation of the predicted with the actual starting grid."""
    error = (rows["gap"] - rows["actual_gap"].clip(upper=GAP_CAP)).abs()
    correlations = [
        race["grid"].corr(race["actual_grid"], method="spearman")
        for _, race in rows.dropna(subset=["actual_grid"]).groupby("race")
        if len(race) >= 5
    ]
    return {
        "gap_mae": float(error.mean()),
        "grid_spearman": float(np.nanmean(correlations)) if correlations else float("nan"),
        "rows": len(rows),
        "races": int(rows["race"].nunique()),
    }


def pace_report(predictions: pd.DataFrame) -> dict[str, Any]:
    """{"seasons": {S: {kind: scores}}, "pooled": {kind: scores}, "practice_weekends": {kind:
    scores over the races with practice laps before qualifying}}."""
    out: dict[str, Any] = {"seasons": {}, "pooled": {}, "practice_weekends": {}}
    for (season, kind), group in predictions.groupby(["season", "kind"]):
        out["seasons"].setdefault(int(str(season)), {})[str(kind)] = pace_scores(group)
    for kind, group in predictions.groupby("kind"):
        out["pooled"][str(kind)] = pace_scores(group)
        practice = group[group["race"].isin(group.loc[group["practice"], "race"])]
        if not practice.empty:
            out["practice_weekends"][str(kind)] = pace_scores(practice)
    return out
