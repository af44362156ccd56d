"""python -m ml train | backtest | predict on the real history: determinism with a seed, a
prediction for a race that was not in training (2025 round 22, still to run in the dump), the
registry's contents and the backtest JSON shape."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ml.features import FEATURES, TARGETS, load_features
from ml.modeling import fit
from tests.conftest import run_cli

SEASON, ROUND = 2025, 22


@pytest.fixture(scope="module")
def ml_root(history_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ml-root")
    (root / "warehouse").mkdir()
    shutil.copy(history_root / "warehouse" / "f1.duckdb", root / "warehouse" / "f1.duckdb")
    return root


@pytest.fixture(scope="module")
def recent(ml_root: Path) -> pd.DataFrame:
    frame = load_features(ml_root / "warehouse" / "f1.duckdb")
    return frame[frame["season"] >= 2016]


def test_same_data_same_seed_same_predictions(recent: pd.DataFrame) -> None:
    rows = recent[recent["has_result"]]
    train_rows, race = rows[rows["season"] < 2025], rows[rows["season"] == 2025]
    first = fit("model", train_rows, "is_podium", seed=7).predict(race)
    second = fit("model", train_rows, "is_podium", seed=7).predict(race)
    np.testing.assert_array_equal(first, second)


def test_train_then_predict_a_race_not_in_training(ml_root: Path) -> None:
    trained = run_cli(["-m", "ml", "train"], ml_root, ML_MIN_TRAIN_SEASON="2016")
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    for target in TARGETS:
        [version] = (ml_root / "models" / target).iterdir()
        meta = json.loads((version / "meta.json").read_text())
        assert meta["features"] == list(FEATURES)
        assert meta["training_seasons"][0] == 2016
        assert {"scikit-learn", "pandas"} <= set(meta["libraries"])
        assert len(meta["data_fingerprint"]) == 16
    predicted = run_cli(["-m", "ml", "predict", "--season", str(SEASON), "--round", str(ROUND)],
                        ml_root)  # fmt: skip
    assert predicted.returncode == 0, predicted.stdout[-2000:] + predicted.stderr[-2000:]
    [path] = (ml_root / "predictions").rglob("*.parquet")
    frame = pd.read_parquet(path)
    assert len(frame) == 20  # the drivers of 2025's latest race with a result
    assert frame["p_win"].between(0, 1).all()
    assert frame["p_win"].sum() == pytest.approx(1.0, abs=0.5)
    assert frame["actual_win"].isna().all()  # not run yet: no outcome to compare with


def test_predict_an_unknown_race_is_one_line(ml_root: Path) -> None:
    result = run_cli(["-m", "ml", "predict", "--season", "2025", "--round", "40"], ml_root)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no race 2025 round 40" in result.stderr


def test_backtest_json_shape_and_the_model_beats_the_grid(ml_root: Path) -> None:
    # trained on every season before 2024 (from 1950, the default), evaluated on 2024
    result = run_cli(["-m", "ml", "backtest", "--seasons", "2024", "--json"], ml_root)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert set(report) == {"top10", "podium", "win", "dnf"}
    for target in ("top10", "podium"):
        entry = report[target]["2024"]
        assert set(entry) == {"model", "baseline"}
        assert {"log_loss", "brier", "roc_auc"} <= set(entry["model"])
        assert entry["model"]["log_loss"] < entry["baseline"]["log_loss"]
