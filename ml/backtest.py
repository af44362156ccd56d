"""Walk-forward backtest: for each season S, train on the seasons before S, evaluate on S."""

from __future__ import annotations

import pandas as pd

from ml.features import TARGETS
from ml.modeling import fit, metrics, top_pick_hit_rate

HIT_RATE_TARGETS = ("win", "podium")


def backtest(
    frame: pd.DataFrame, seasons: list[int], seed: int, min_train_season: int
) -> dict[str, dict[int, dict[str, dict[str, float]]]]:
    """{target: {season: {"model": {...}, "baseline": {...}}}} over the rows with a result."""
    rows = frame[frame["has_result"]]
    report: dict[str, dict[int, dict[str, dict[str, float]]]] = {t: {} for t in TARGETS}
    for season in seasons:
        train = rows[(rows["season"] < season) & (rows["season"] >= min_train_season)]
        test = rows[rows["season"] == season]
        if test.empty or train.empty:
            continue
        for name, column in TARGETS.items():
            entry: dict[str, dict[str, float]] = {}
            for kind in ("model", "baseline"):
                p = fit(kind, train, column, seed).predict(test)
                scores = metrics(test[column].astype(int).to_numpy(), p)
                if name in HIT_RATE_TARGETS:
                    scores["top_pick_hit_rate"] = top_pick_hit_rate(test, column, p)
                entry[kind] = scores
            report[name][season] = entry
    return report
