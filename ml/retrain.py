"""`ml retrain`: fit a candidate of every target and promote it only when it is not worse than
the served version on the latest season with results (the promotion gate).

Both sides are scored out of sample on that season: the candidate's recipe fitted on the
seasons before it (what `train` reports as its metrics); the served version as it is when it
never saw that season (new results since it was trained), otherwise its recipe (meta.json's
`kind`) refitted on the same seasons as the candidate's. A candidate whose log loss exceeds the
served one's stays in models/candidates/ and the command exits 3; models/retrain.json records
every decision. With `--if-needed` nothing is trained unless there are new results (the training
rows' fingerprint changed) or a feature drifts (PSI above ml.drift.PSI_SIGNIFICANT)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ml import registry
from ml.drift import PSI_SIGNIFICANT, feature_psi
from ml.features import FEATURES, TARGETS, fingerprint
from ml.modeling import fit, training_rows
from ml.predict import fit_target, holdout_loss, with_ratings
from ml.qualifying import QualifyingPace

TOLERANCE = 1e-9  # log loss ties (same recipe, same data) promote


@dataclass(frozen=True)
class Decision:
    target: str
    candidate_version: str
    candidate_log_loss: float
    served_version: str | None
    served_log_loss: float | None
    served_scored_as: str  # "served model", "refitted recipe" or "none"
    season: int
    promoted: bool


def reasons_to_retrain(
    frame: pd.DataFrame, models_dir: Path, window: int, min_season: int
) -> list[str]:
    """Why a retrain is due: no served model, new results, or drift. Empty: nothing to do."""
    try:
        _, meta = registry.latest(models_dir, "win")
    except registry.NoModelError:
        return ["no served model"]
    reasons = []
    last = int(frame.loc[frame["has_result"], "season"].max())
    if fingerprint(training_rows(frame, last + 1, window, min_season)) != meta.data_fingerprint:
        reasons.append("new results")
    season, psi = feature_psi(frame, FEATURES, meta.training_seasons)
    drifting = sorted(f for f, value in psi.items() if value > PSI_SIGNIFICANT)
    if drifting:
        reasons.append(f"drift in {season}: {', '.join(drifting)}")
    return reasons


def _served_loss(
    rated: pd.DataFrame, models_dir: Path, name: str, seed: int, window: int, min_season: int
) -> tuple[str | None, float | None, str]:
    try:
        fitted, meta = registry.latest(models_dir, name)
    except registry.NoModelError:
        return None, None, "none"
    column = TARGETS[name]
    last = int(rated.loc[rated["has_result"], "season"].max())
    test = rated[rated["has_result"] & (rated["season"] == last)]
    if last not in meta.training_seasons:
        return meta.version, holdout_loss(fitted, test, column), "served model"
    recipe = fit(meta.kind, training_rows(rated, last, window, min_season), column, seed)
    return meta.version, holdout_loss(recipe, test, column), "refitted recipe"


def retrain(
    frame: pd.DataFrame,
    models_dir: Path,
    seed: int,
    min_season: int,
    window: int,
    kind: str = "model",
) -> list[Decision]:
    rated, table = with_ratings(frame)
    decisions = []
    paces: dict[int, tuple[QualifyingPace, np.ndarray]] = {}  # stage 1, shared by the targets
    for name in TARGETS:
        fitted, fields = fit_target(rated, name, seed, window, min_season, kind, paces)
        meta = registry.save(registry.candidates(models_dir), replace(fitted, elo=table), fields)
        served, served_loss, how = _served_loss(rated, models_dir, name, seed, window, min_season)
        loss = float(fields["metrics"]["log_loss"])
        promoted = served_loss is None or loss <= served_loss + TOLERANCE
        if promoted:
            registry.promote(models_dir, name, meta.version)
        decisions.append(
            Decision(
                name,
                meta.version,
                loss,
                served,
                served_loss,
                how,
                int(fields["metrics"]["holdout_season"]),
                promoted,
            )
        )
    write_log(models_dir, decisions)
    return decisions


def write_log(models_dir: Path, decisions: list[Decision]) -> Path:
    body: dict[str, Any] = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "decisions": [vars(d) for d in decisions],
    }
    path = models_dir / "retrain.json"
    path.write_text(json.dumps(body, indent=2, sort_keys=True))
    return path
