"""Walk-forward backtest: for each season S, fit the model and every baseline on the `window`
seasons before S and predict S's races, post-qualifying (grid known) and pre-qualifying (grid
features blanked: the model predicts the gap and grid with its stage 1 (ml/qualifying.py) and
scores them with its pre-qualifying half, compared with the form + Elo baseline).
`walk_forward` returns every prediction; `report` scores them per target and season
(`ml backtest --json`), `pooled` over all the seasons with race-bootstrap intervals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ml.elo import with_elo
from ml.evaluate import losses, race_interval, scores, top_pick_hits
from ml.features import GRID_FEATURES, TARGETS
from ml.modeling import BASELINES, KINDS, fit, stage1, training_rows

HIT_TARGETS = ("win", "podium")
PRE_KINDS: tuple[str, ...] = ("model", "form_elo", "elo", "base_rate")
MODES = {"targets": KINDS, "pre_qualifying": PRE_KINDS}


def walk_forward(
    frame: pd.DataFrame, seasons: list[int], seed: int, window: int, min_season: int
) -> pd.DataFrame:
    """One row per (mode, target, kind, test row): season, race, outcome y and probability p."""
    rated = with_elo(frame)
    parts = []
    for season in seasons:
        train = training_rows(rated, season, window, min_season)
        test = rated[rated["has_result"] & (rated["season"] == season)]
        if test.empty or train.empty:
            continue
        blind = test.assign(**{c: np.nan for c in GRID_FEATURES})
        pace = stage1(train, seed)  # one qualifying-pace model for every target
        for target, column in TARGETS.items():
            fitted = {kind: fit(kind, train, column, seed, pace) for kind in KINDS}
            for mode, kinds in MODES.items():
                rows = test if mode == "targets" else blind
                for kind in kinds:
                    parts.append(
                        pd.DataFrame(
                            {
                                "mode": mode,
                                "target": target,
                                "kind": kind,
                                "season": season,
                                "race": rows["event_id"].to_numpy(),
                                "y": rows[column].astype(int).to_numpy(),
                                "p": fitted[kind].predict(rows),
                            }
                        )
                    )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _entry(group: pd.DataFrame, target: str) -> dict[str, Any]:
    y, p, races = group["y"].to_numpy(), group["p"].to_numpy(), group["race"].to_numpy()
    entry: dict[str, Any] = scores(y, p, races)
    if target in HIT_TARGETS:
        entry["top_pick_hits"] = top_pick_hits(y, p, races)
        entry["top_pick_hit_rate"] = entry["top_pick_hits"] / len(set(races))
    return entry


def report(predictions: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """{mode: {target: {"seasons": {season: {kind: scores}}}}}, mode "targets" (grid known) and
    "pre_qualifying"."""
    out: dict[str, dict[str, Any]] = {mode: {t: {"seasons": {}} for t in TARGETS} for mode in MODES}
    for (mode, target, season, kind), group in predictions.groupby(
        ["mode", "target", "season", "kind"], sort=True
    ):
        seasons = out[str(mode)][str(target)]["seasons"]
        seasons.setdefault(int(str(season)), {})[str(kind)] = _entry(group, str(target))
    return out


def strongest(predictions: pd.DataFrame, mode: str, target: str) -> str:
    """The baseline with the lowest mean log loss over every season (kind name)."""
    rows = predictions[(predictions["mode"] == mode) & (predictions["target"] == target)]
    rows = rows[rows["kind"] != "model"]
    mean = rows.assign(loss=losses(rows["y"].to_numpy(), rows["p"].to_numpy()))
    return str(mean.groupby("kind")["loss"].mean().idxmin())


def pooled(predictions: pd.DataFrame, mode: str, target: str) -> dict[str, dict[str, Any]]:
    """Every kind over all the seasons, plus "model - <strongest>": the mean log loss
    difference per row and its race-bootstrap interval (negative = the model is better)."""
    rows = predictions[(predictions["mode"] == mode) & (predictions["target"] == target)]
    out = {str(kind): _entry(group, target) for kind, group in rows.groupby("kind")}
    best = strongest(predictions, mode, target)
    model = rows[rows["kind"] == "model"]
    other = rows[rows["kind"] == best]
    diff = losses(model["y"].to_numpy(), model["p"].to_numpy()) - losses(
        other["y"].to_numpy(), other["p"].to_numpy()
    )
    low, high = race_interval(diff, model["race"].to_numpy())
    out[f"model - {best}"] = {"log_loss": float(diff.mean()), "log_loss_ci": [low, high]}
    return out


__all__ = ["BASELINES", "pooled", "report", "strongest", "walk_forward"]
