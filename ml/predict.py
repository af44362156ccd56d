"""Train the registry's models and predict one race with the newest version of each."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ml import registry
from ml.features import KEYS, TARGETS, fingerprint
from ml.modeling import Fitted, fit, metrics


class NoSuchRaceError(ValueError):
    def __init__(self, season: int, round_number: int) -> None:
        super().__init__(
            f"no race {season} round {round_number} in gold.ml_driver_race_features "
            "(ingest its season's history, then `make gold`)"
        )


def train(
    frame: pd.DataFrame, models_dir: Path, seed: int, min_season: int
) -> list[registry.ModelMeta]:
    """Fit every target on all races with a result; metrics = the latest season held out."""
    rows = frame[frame["has_result"] & (frame["season"] >= min_season)]
    last = int(rows["season"].max())
    metas = []
    for name, column in TARGETS.items():
        holdout = fit("model", rows[rows["season"] < last], column, seed)
        test = rows[rows["season"] == last]
        held = metrics(test[column].astype(int).to_numpy(), holdout.predict(test))
        fitted = fit("model", rows, column, seed)
        metas.append(
            registry.save(
                models_dir, fitted,
                {
                    "target": name, "training_seasons": sorted({int(s) for s in rows["season"]}),
                    "data_fingerprint": fingerprint(rows), "seed": seed,
                    "metrics": {"holdout_season": last, **held},
                },
            )
        )  # fmt: skip
    return metas


def predict_race(
    frame: pd.DataFrame, models_dir: Path, season: int, round_number: int
) -> pd.DataFrame:
    """One row per driver of the race: each target's probability and the model version."""
    race = frame[(frame["season"] == season) & (frame["round"] == round_number)]
    if race.empty:
        raise NoSuchRaceError(season, round_number)
    return score_race(race, {name: registry.latest(models_dir, name) for name in TARGETS})


def score_race(
    race: pd.DataFrame, models: Mapping[str, tuple[Fitted, registry.ModelMeta]]
) -> pd.DataFrame:
    """The rows of one race scored by `models` (one per target), ordered by p_win."""
    out = race[list(KEYS)].copy()
    for name, column in TARGETS.items():
        fitted, meta = models[name]
        out[f"p_{name}"] = fitted.predict(race)
        out[f"{name}_model_version"] = meta.version
        out[f"actual_{name}"] = race[column].astype("boolean")
    return out.sort_values("p_win", ascending=False).reset_index(drop=True)


def write_predictions(
    predictions: pd.DataFrame, root: Path, season: int, round_number: int
) -> Path:
    """predictions/season=YYYY/round=RR/part-0.parquet, written to a temp file then renamed."""
    # Imported here: the copilot image scores races (score_race) without pyarrow.
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = root / f"season={season}" / f"round={round_number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(
        predictions.drop(columns=["season", "round"]), preserve_index=False
    )
    handle, temp = tempfile.mkstemp(prefix=".part-", suffix=".parquet", dir=folder)
    os.close(handle)
    pq.write_table(table, temp)
    target = folder / "part-0.parquet"
    Path(temp).replace(target)
    return target
