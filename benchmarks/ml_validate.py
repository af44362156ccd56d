"""How the win model's recipe was chosen: walk-forward on validation seasons only (before the
backtest's 2015-2025, whose rows are not even loaded).

    EXTERNAL_DATA_ROOT=/path/to/root .venv/bin/python benchmarks/ml_validate.py \
        [--seasons 2005-2014]

For each season S: the logistic + boosted trees blend (the model before stacking) and the
`grid_form_elo` baseline fitted on the ML_TRAIN_WINDOW seasons before S, S's races scored with
the grid known. Prints the mean log loss of the blend alone, of the blend with the baseline
stacked in at several weights (1/3: an equal third member, what ml.modeling.STACKED serves), of
a temperature on the blend's log-odds, and of the baseline, each with its difference to the
blend alone and that difference's race-bootstrap 95 % interval. One run, no timings.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer
from scipy.special import expit, logit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ml.derived import MODEL_FEATURES, derive
from ml.elo import with_elo
from ml.evaluate import losses, race_interval
from ml.features import load_features
from ml.modeling import BASELINES, blend, logistic, training_rows
from ml.ranking import CLIP, normalise
from ml.settings import MlSettings

FIRST_TEST_SEASON = 2015  # the backtest's first season: nothing from it on is read here


def log_odds(p: np.ndarray) -> np.ndarray:
    return np.asarray(logit(np.clip(p, CLIP, 1 - CLIP)))


def main(seasons: Annotated[str, typer.Option(help="First-last season")] = "2005-2014") -> None:
    settings = MlSettings()
    first, _, last = seasons.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    if max(years) >= FIRST_TEST_SEASON:
        raise typer.BadParameter(f"validation seasons end before {FIRST_TEST_SEASON}")
    frame = load_features(settings.layout.warehouse)
    rated = with_elo(frame[frame["season"] < FIRST_TEST_SEASON])
    baseline = list(BASELINES["grid_form_elo"])
    parts = []
    for season in years:
        train = derive(
            training_rows(rated, season, settings.ml_train_window, settings.ml_min_train_season)
        )
        test = derive(rated[rated["has_result"] & (rated["season"] == season)])
        y = train["is_win"].astype(int).to_numpy()
        x, x_test = (rows[list(MODEL_FEATURES)].to_numpy("float64") for rows in (train, test))
        fitted = blend(settings.ml_seed).fit(x, y)
        members = [log_odds(m.predict_proba(x_test)[:, 1]) for m in fitted.estimators]
        base = logistic().fit(train[baseline].to_numpy("float64"), y)
        p_base = base.predict_proba(test[baseline].to_numpy("float64"))[:, 1]
        parts.append(
            pd.DataFrame(
                {
                    "race": test["event_id"].to_numpy(),
                    "y": test["is_win"].astype(int).to_numpy(),
                    "z_blend": np.mean(members, axis=0),
                    "z_base": log_odds(p_base),
                    "p_base": p_base,
                }
            )
        )
    rows = pd.concat(parts, ignore_index=True)
    y, races = rows["y"].to_numpy(), rows["race"].to_numpy()

    def loss(z: np.ndarray) -> np.ndarray:
        return losses(y, normalise(expit(z), races, 1))

    alone = loss(rows["z_blend"].to_numpy())
    candidates = {"blend alone (the model before stacking)": alone}
    for weight in (0.2, 0.25, 1 / 3, 0.4, 0.5):
        z = (1 - weight) * rows["z_blend"] + weight * rows["z_base"]
        candidates[f"blend + grid_form_elo, weight {weight:.2f}"] = loss(z.to_numpy())
    for temperature in (0.8, 0.9, 1.1, 1.2):
        candidates[f"blend, temperature {temperature}"] = loss(
            temperature * rows["z_blend"].to_numpy()
        )
    candidates["grid_form_elo (baseline, as backtested)"] = losses(y, rows["p_base"].to_numpy())
    print(f"win, seasons {seasons}, {len(set(races))} races: mean log loss; minus blend alone")
    for name, values in candidates.items():
        low, high = race_interval(values - alone, races)
        print(
            f"{name:45s} {values.mean():.4f}  {(values - alone).mean():+.4f} "
            f"[{low:+.4f}, {high:+.4f}]"
        )


if __name__ == "__main__":
    typer.run(main)
