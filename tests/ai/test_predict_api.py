"""POST /predict and its /metrics on the real history warehouse: the API's probabilities are
`python -m ml predict`'s (same models) row for row; typed errors (404 unknown race, 503 before
`ml train`, 422 bad bodies); a newer registry version is picked up; the prediction counter and
one PSI gauge per feature, each equal to a PSI this test computes itself with numpy."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from ai.main import create_app
from ai.predictor import AHEAD_RAN, Predictor
from ml.features import FEATURES, TARGETS, load_features
from tests.ai.conftest import make_settings
from tests.conftest import run_cli
from tests.history.conftest import csv_connection

SEASON, ROUND = 2025, 22
RACE = {"season": SEASON, "round": ROUND}


def data_root(history_root: Path, root: Path) -> Path:
    (root / "warehouse").mkdir(parents=True)
    shutil.copy(history_root / "warehouse" / "f1.duckdb", root / "warehouse" / "f1.duckdb")
    return root


def client(root: Path) -> TestClient:
    return TestClient(create_app(make_settings(root)))


@pytest.fixture(scope="module")
def trained_root(history_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the history warehouse, the models trained on it (2016 on) and the CLI's
    predictions of SEASON/ROUND written to predictions/."""
    root = data_root(history_root, tmp_path_factory.mktemp("predict-api"))
    trained = run_cli(["-m", "ml", "train"], root, ML_MIN_TRAIN_SEASON="2016", OMP_NUM_THREADS="1")
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    args = ["-m", "ml", "predict", "--season", str(SEASON), "--round", str(ROUND)]
    predicted = run_cli(args, root)
    assert predicted.returncode == 0, predicted.stdout[-2000:] + predicted.stderr[-2000:]
    return root


@pytest.fixture(scope="module")
def api(trained_root: Path) -> Iterator[TestClient]:
    made = client(trained_root)
    yield made
    made.app.state.copilot.sandbox.close()  # type: ignore[attr-defined]


def metrics(api: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = api.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def served(api: TestClient) -> float:
    return metrics(api).get(("ml_predictions_total", (("outcome", "ok"),)), 0.0)


def test_before_training_it_is_503_with_the_command(history_root: Path, tmp_path: Path) -> None:
    untrained = client(data_root(history_root, tmp_path / "root"))
    try:
        response = untrained.post("/predict", json=RACE)
        assert response.status_code == 503
        body = response.json()
        assert body["error"] == "model_missing"
        assert "python -m ml train" in body["message"]
        assert "\n" not in body["message"]
        listed = metrics(untrained)
        assert not any(name == "ml_feature_psi" for name, _ in listed)
    finally:
        untrained.app.state.copilot.sandbox.close()  # type: ignore[attr-defined]


def test_the_api_serves_the_cli_predictions_row_for_row(
    api: TestClient, trained_root: Path
) -> None:
    before = served(api)
    response = api.post("/predict", json=RACE)
    assert response.status_code == 200, response.text
    body = response.json()
    [path] = (trained_root / "predictions").rglob("*.parquet")
    expected = pd.read_parquet(path)
    assert body["season"] == SEASON and body["round"] == ROUND
    assert body["event_id"] == expected["event_id"].iloc[0]
    drivers = pd.DataFrame(body["drivers"])
    assert list(drivers["driver_ref"]) == list(expected["driver_ref"])
    assert list(drivers["constructor_ref"]) == list(expected["constructor_ref"])
    for target in TARGETS:
        np.testing.assert_allclose(drivers[f"p_{target}"], expected[f"p_{target}"], rtol=1e-12)
        assert body["model_versions"][target] == expected[f"{target}_model_version"].iloc[0]
    assert list(drivers["p_win"]) == sorted(drivers["p_win"], reverse=True)
    assert served(api) == before + 1


def test_the_latest_and_next_races_are_scored_ahead(
    api: TestClient, trained_root: Path, tmp_path: Path
) -> None:
    """The service scores ahead the latest run races and the next to run, as a request would
    score them. On a build whose last season is SEASON (later rows deleted), those are the last
    rounds with a result in the Ergast dump and ROUND, the one still to run."""
    warehouse = tmp_path / "f1.duckdb"
    shutil.copy(trained_root / "warehouse" / "f1.duckdb", warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from gold.ml_driver_race_features where season > ?", [SEASON])
    predictor = Predictor(trained_root / "models", warehouse)
    races = predictor.score_ahead()
    loaded = predictor.current()
    assert {key[-2:] for key in loaded.scored} == set(races)
    rounds = csv_connection().execute(
        """select ra.round from results r join races ra using (raceId) where ra.year = ?
           group by 1 order by 1 desc limit ?""",
        [SEASON, AHEAD_RAN],
    )
    ran = {(SEASON, int(row[0])) for row in rounds.fetchall()}
    assert ran <= set(races) and (SEASON, ROUND) in races
    assert all(race > max(ran) for race in set(races) - ran)
    ahead, _ = predictor.predict(SEASON, ROUND)  # the result kept from score_ahead
    afresh, _ = Predictor(trained_root / "models", warehouse).predict(SEASON, ROUND)  # read too
    pd.testing.assert_frame_equal(ahead, afresh)


def test_an_unknown_race_is_a_one_line_404(api: TestClient) -> None:
    response = api.post("/predict", json={"season": SEASON, "round": 40})
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "race_not_found"
    assert f"no race {SEASON} round 40" in body["message"] and "\n" not in body["message"]
    assert metrics(api)[("ml_predictions_total", (("outcome", "race_not_found"),))] >= 1


@pytest.mark.parametrize(
    "body",
    [
        {"season": SEASON},
        {"round": ROUND},
        {"season": "2025", "round": ROUND},
        {"season": SEASON, "round": 22.5},
        {"season": True, "round": ROUND},
        {"season": SEASON, "round": 0},
        {"season": 1949, "round": ROUND},
        {**RACE, "driver": "norris"},
        [SEASON, ROUND],
    ],
)
def test_a_bad_body_is_422(api: TestClient, body: object) -> None:
    assert api.post("/predict", json=body).status_code == 422


def independent_psi(expected: np.ndarray, actual: np.ndarray) -> float:
    """Deciles of the training values as edges (duplicates merged), a bin for missing values,
    shares floored at 1e-4: sum (a - e) ln(a / e)."""
    edges = np.unique(np.percentile(expected[~np.isnan(expected)], np.arange(10, 100, 10)))

    def shares(values: np.ndarray) -> np.ndarray:
        present = values[~np.isnan(values)]
        bins = np.digitize(present, edges, right=True)  # edges[i-1] < x <= edges[i]
        counts = [np.sum(bins == i) for i in range(len(edges) + 1)]
        counts.append(np.isnan(values).sum())
        return np.maximum(np.array(counts, dtype=float) / len(values), 1e-4)

    e, a = shares(expected), shares(actual)
    return float(np.sum((a - e) * np.log(a / e)))


def test_metrics_have_a_psi_gauge_per_feature_equal_to_numpy(
    api: TestClient, trained_root: Path
) -> None:
    api.post("/predict", json=RACE)  # the models are loaded (drift measured)
    found = metrics(api)
    seasons = set()
    for target in TARGETS:
        [version] = (trained_root / "models" / target).iterdir()
        seasons |= set(json.loads((version / "meta.json").read_text())["training_seasons"])
    frame = load_features(trained_root / "warehouse" / "f1.duckdb")
    rows = frame[frame["has_result"]]
    latest = int(rows["season"].max())
    assert latest >= SEASON  # the latest season with results (2026: Fast-F1 races beyond the dump)
    recent = rows[rows["season"] == latest]
    # the reference window: the 3 training seasons before the latest, up to the same round
    window = rows["season"].isin(seasons) & rows["season"].between(latest - 3, latest - 1)
    reference = rows[window & (rows["round"] <= recent["round"].max())]
    assert len(reference) > 2 * len(recent) > 0
    assert found[("ml_drift_season", ())] == latest
    gauges = {
        dict(labels)["feature"]: v
        for (name, labels), v in found.items()
        if name == "ml_feature_psi"
    }
    assert set(gauges) == set(FEATURES)
    for feature in FEATURES:
        expected = independent_psi(
            reference[feature].to_numpy(float), recent[feature].to_numpy(float)
        )
        assert gauges[feature] == pytest.approx(expected, rel=1e-9, abs=1e-12), feature
    assert max(gauges.values()) > 0  # 2025 is not a copy of 2016-2025


def test_a_newer_registry_version_is_served(api: TestClient, trained_root: Path) -> None:
    """`ml train` writes a new version folder per target: the API reloads and reports it."""
    target_dir = trained_root / "models" / "win"
    [current] = target_dir.iterdir()
    newer = target_dir / "29991231T000000000000Z"
    shutil.copytree(current, newer)
    meta = json.loads((newer / "meta.json").read_text())
    (newer / "meta.json").write_text(json.dumps({**meta, "version": newer.name}))
    try:
        body = api.post("/predict", json=RACE).json()
        assert body["model_versions"]["win"] == newer.name
        assert body["model_versions"]["top10"] != newer.name
        info = metrics(api)
        assert info[("ml_model_info", (("target", "win"), ("version", newer.name)))] == 1
    finally:
        shutil.rmtree(newer)
    assert api.post("/predict", json=RACE).json()["model_versions"]["win"] == current.name


def test_a_swapped_in_warehouse_is_read_afresh(api: TestClient, trained_root: Path) -> None:
    """The race rows kept between requests belong to one warehouse build: after an atomic swap
    (a new file renamed over the served one, as `transform build` does) the new build answers."""
    served_path = trained_root / "warehouse" / "f1.duckdb"
    assert api.post("/predict", json=RACE).status_code == 200
    kept = served_path.with_name("kept.duckdb")
    shutil.copy(served_path, kept)
    without_race = served_path.with_name("next.duckdb")
    shutil.copy(served_path, without_race)
    with duckdb.connect(str(without_race)) as con:
        con.execute(
            "delete from gold.ml_driver_race_features where season = ? and round = ?",
            [SEASON, ROUND],
        )
    try:
        without_race.replace(served_path)
        response = api.post("/predict", json=RACE)
        assert response.status_code == 404, response.text
        assert response.json()["error"] == "race_not_found"
    finally:
        kept.replace(served_path)
    assert api.post("/predict", json=RACE).status_code == 200
