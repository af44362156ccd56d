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

from ml.derived import MODEL_FEATURES
from ml.elo import with_elo
from ml.features import TARGETS, load_features
from ml.modeling import KINDS, fit
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
    rows = with_elo(recent)
    rows = rows[rows["has_result"]]
    train_rows = rows[rows["season"].between(2022, 2024)]
    race = rows[rows["season"] == 2025]
    first = fit("model", train_rows, "is_podium", seed=7).predict(race)
    second = fit("model", train_rows, "is_podium", seed=7).predict(race)
    np.testing.assert_array_equal(first, second)


def test_train_then_predict_a_race_not_in_training(ml_root: Path) -> None:
    trained = run_cli(
        ["-m", "ml", "train"],
        ml_root,
        ML_MIN_TRAIN_SEASON="2016",
        ML_TRAIN_WINDOW="3",
        OMP_NUM_THREADS="1",
    )
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    for target in TARGETS:
        [version] = (ml_root / "models" / target).iterdir()
        meta = json.loads((version / "meta.json").read_text())
        assert meta["kind"] in {"model", "base_rate"}  # dnf: the base rate unless beaten
        assert meta["features"] == (list(MODEL_FEATURES) if meta["kind"] == "model" else [])
        # the window: the 3 latest seasons with results (the full cache holds 2026 races)
        assert meta["training_seasons"] == [2024, 2025, 2026]
        assert {"scikit-learn", "pandas"} <= set(meta["libraries"])
        assert len(meta["data_fingerprint"]) == 16
    predicted = run_cli(
        ["-m", "ml", "predict", "--season", str(SEASON), "--round", str(ROUND)], ml_root
    )
    assert predicted.returncode == 0, predicted.stdout[-2000:] + predicted.stderr[-2000:]
    [path] = (ml_root / "predictions").rglob("*.parquet")
    frame = pd.read_parquet(path)
    assert len(frame) == 20  # the drivers of 2025's latest race with a result
    assert frame["p_win"].between(0, 1).all()
    # consistent within the race: one winner, three on the podium, ten in the top 10
    assert frame["p_win"].sum() == pytest.approx(1.0, abs=1e-6)
    assert frame["p_podium"].sum() == pytest.approx(3.0, abs=1e-6)
    assert frame["p_top10"].sum() == pytest.approx(10.0, abs=1e-6)
    assert frame["actual_win"].isna().all()  # not run yet: no outcome to compare with


def test_predict_an_unknown_race_is_one_line(ml_root: Path) -> None:
    result = run_cli(["-m", "ml", "predict", "--season", "2025", "--round", "40"], ml_root)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no race 2025 round 40" in result.stderr


def test_backtest_json_shape_and_the_model_beats_the_grid(ml_root: Path) -> None:
    # trained on the 2 seasons before 2024, evaluated on 2024
    result = run_cli(
        ["-m", "ml", "backtest", "--seasons", "2024", "--json"],
        ml_root,
        ML_TRAIN_WINDOW="2",
        OMP_NUM_THREADS="1",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert set(report) == {"targets", "pre_qualifying", "qualifying"}
    assert set(report["targets"]) == {"top10", "podium", "win", "dnf"}
    for target in ("top10", "podium"):
        entry = report["targets"][target]["seasons"]["2024"]
        assert set(entry) == set(KINDS)  # the model beside one entry per baseline
        assert {"log_loss", "log_loss_ci", "brier", "roc_auc", "ece"} <= set(entry["model"])
        low, high = entry["model"]["log_loss_ci"]
        assert low < entry["model"]["log_loss"] < high
        assert entry["model"]["log_loss"] < entry["grid"]["log_loss"]
    assert set(report["pre_qualifying"]["win"]["seasons"]["2024"]) == {
        "model",
        "form_elo",
        "elo",
        "base_rate",
    }
    # stage 1: the qualifying gap and grid before qualifying, beside "same as the last race"
    pace = report["qualifying"]["seasons"]["2024"]
    assert set(pace) == {"model", "last_race"}
    assert {"gap_mae", "grid_spearman", "rows", "races"} <= set(pace["model"])
    assert pace["model"]["races"] == pace["last_race"]["races"] > 20
    assert pace["model"]["gap_mae"] < pace["last_race"]["gap_mae"]
