"""Train the registry's models and predict one race with the served version of each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd

from f1lake.atomic import atomic_file
from ml import registry
from ml.derived import derive
from ml.elo import COLUMN as ELO
from ml.elo import pre_race_elo
from ml.errors import NoSuchRaceError
from ml.evaluate import losses
from ml.features import KEYS, TARGETS, fingerprint
from ml.modeling import EloTable, Fitted, fit, stage1, training_rows
from ml.qualifying import QualifyingPace


def holdout_loss(fitted: Fitted, test: pd.DataFrame, column: str) -> float:
    return float(losses(test[column].astype(int).to_numpy(), fitted.predict(test)).mean())


def fit_target(
    frame: pd.DataFrame,
    name: str,
    seed: int,
    window: int,
    min_season: int,
    kind: str = "model",
    paces: dict[int, tuple[QualifyingPace, np.ndarray]] | None = None,
) -> tuple[Fitted, dict]:
    """(the fitted model of target `name` on every season up to the latest with a result, the
    fields of its meta.json). `frame` has driver_elo. Metrics: the same recipe fitted without the
    latest season, scored on it. DNF: the base rate (last three seasons) is served instead of
    the model when the model does not beat it on that season. `paces`: stage 1 per training
    window, shared by the targets (filled here)."""
    paces = {} if paces is None else paces

    def pace(rows: pd.DataFrame, bound: int) -> tuple[QualifyingPace, np.ndarray]:
        if bound not in paces:
            paces[bound] = stage1(rows, seed)
        return paces[bound]

    column = TARGETS[name]
    last = int(frame.loc[frame["has_result"], "season"].max())
    test = frame[frame["has_result"] & (frame["season"] == last)]
    before = training_rows(frame, last, window, min_season)
    rows = training_rows(frame, last + 1, window, min_season)
    stage = pace(before, last) if kind == "model" else None
    held = {kind: holdout_loss(fit(kind, before, column, seed, stage), test, column)}
    if name == "dnf" and kind == "model":
        held["base_rate"] = holdout_loss(fit("base_rate", before, column, seed), test, column)
        kind = "base_rate" if held["base_rate"] <= held["model"] else "model"
    fitted = fit(kind, rows, column, seed, pace(rows, last + 1) if kind == "model" else None)
    fields = {
        "target": name,
        "kind": kind,
        "training_seasons": sorted({int(s) for s in rows["season"]}),
        "data_fingerprint": fingerprint(rows),
        "seed": seed,
        "metrics": {"holdout_season": last, "log_loss": held[kind], "log_loss_by_kind": held},
    }
    return fitted, fields


def with_ratings(frame: pd.DataFrame) -> tuple[pd.DataFrame, EloTable]:
    values, latest = pre_race_elo(frame)
    table = EloTable(dict(zip(frame["driver_race_id"], values, strict=True)), latest)
    return frame.assign(driver_elo=values), table


def train(
    frame: pd.DataFrame,
    models_dir: Path,
    seed: int,
    min_season: int,
    window: int = 10,
    kind: str = "model",
    candidate: bool = False,
) -> list[registry.ModelMeta]:
    """Fit every target; save each as the newest served version (or as a candidate)."""
    rated, table = with_ratings(frame)
    metas = []
    paces: dict[int, tuple[QualifyingPace, np.ndarray]] = {}
    for name in TARGETS:
        fitted, fields = fit_target(rated, name, seed, window, min_season, kind, paces)
        root = registry.candidates(models_dir) if candidate else models_dir
        metas.append(registry.save(root, replace(fitted, elo=table), fields))
    return metas


def predict_race(
    frame: pd.DataFrame, models_dir: Path, season: int, round_number: int
) -> pd.DataFrame:
    """One row per driver of the race: each target's probability and the model version."""
    race = frame[(frame["season"] == season) & (frame["round"] == round_number)]
    if race.empty:
        raise NoSuchRaceError(season, round_number)
    return score_race(
        race, share_stage1({name: registry.latest(models_dir, name) for name in TARGETS})
    )


def score_race(
    race: pd.DataFrame, models: Mapping[str, tuple[Fitted, registry.ModelMeta]]
) -> pd.DataFrame:
    """The rows of one race scored by `models` (one per target), ordered by p_win."""
    columns: dict[str, Any] = {}
    derived: dict[bytes, pd.DataFrame] = {}  # one derivation per distinct Elo table (usually 1)
    filled: dict[tuple[int, int], pd.DataFrame] = {}  # one stage 1 grid per stage 1 model
    for name, column in TARGETS.items():
        fitted, meta = models[name]
        if ELO in race.columns:
            columns[f"p_{name}"] = fitted.predict(race)
        else:
            elo = fitted.elo.values(race)
            rows = derived.get(elo.tobytes())
            if rows is None:
                rows = derived[elo.tobytes()] = derive(race.assign(**{ELO: elo}))
            columns[f"p_{name}"] = fitted.predict_derived(rows, filled)
        columns[f"{name}_model_version"] = np.full(len(race), meta.version, dtype=object)
        columns[f"actual_{name}"] = race[column].astype("boolean").array
    # one frame built from arrays, rows in p_win order (DataFrame.assign copied it per column)
    order = np.argsort(-columns["p_win"], kind="stable")
    keys = {key: race[key].to_numpy()[order] for key in KEYS}
    return pd.DataFrame({**keys, **{name: values[order] for name, values in columns.items()}})


def share_stage1(
    models: Mapping[str, tuple[Fitted, registry.ModelMeta]],
) -> dict[str, tuple[Fitted, registry.ModelMeta]]:
    """`models` with equal stage 1 models made one object (`ml train` fits one per training
    window for every target, but each target's file unpickles its own copy), so score_race
    predicts a race's qualifying gaps once, not once per target."""
    shared: dict[str, QualifyingPace] = {}
    out = {}
    for name, (fitted, meta) in models.items():
        if fitted.pace is not None:
            fitted = replace(fitted, pace=shared.setdefault(joblib.hash(fitted.pace), fitted.pace))
        out[name] = (fitted, meta)
    return out


def write_predictions(
    predictions: pd.DataFrame, root: Path, season: int, round_number: int
) -> Path:
    """predictions/season=YYYY/round=RR/part-0.parquet, replaced atomically (f1lake.atomic)."""
    # Imported here: the copilot image scores races (score_race) without pyarrow.
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = root / f"season={season}" / f"round={round_number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(
        predictions.drop(columns=["season", "round"]), preserve_index=False
    )
    target = folder / "part-0.parquet"
    with atomic_file(target) as handle:  # fsync, rename, fsync of the folder
        pq.write_table(table, handle)
    return target
