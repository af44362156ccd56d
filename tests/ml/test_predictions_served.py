"""Predictions served: `ml train` + `ml predict` for 2025 round 22 (still to run in the dump) and
round 21 (run), then `transform build` serves gold.fct_predictions; the Predictions page and the
copilot read it. Outcomes are checked against the Ergast dump's CSVs; the favourite against the
prediction files `ml predict` wrote. Before any prediction the table is empty, allowed so."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from streamlit.testing.v1 import AppTest

from ai.main import create_app
from ai.settings import CopilotSettings
from tests.ai.scripted_model import ScriptedModel
from tests.conftest import run_cli
from tests.dashboard.conftest import APP
from tests.dashboard.servers import free_port
from tests.history.conftest import csv_connection, gold
from tests.transform.transform_support import copy_data_root

pytestmark = pytest.mark.realdata

SEASON, PAST, NEXT = 2025, 21, 22


def ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def empty_root(history_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The history warehouse as built: nothing predicted yet."""
    return copy_data_root(history_root, tmp_path_factory.mktemp("no-predictions"))


@pytest.fixture(scope="module")
def predicted_root(empty_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("predictions")
    shutil.copytree(empty_root / "bronze", root / "bronze")
    shutil.copytree(empty_root / "warehouse", root / "warehouse")
    ok(run_cli(["-m", "ml", "train"], root, ML_TRAIN_WINDOW="3", OMP_NUM_THREADS="1"))
    for round_number in (NEXT, PAST):
        ok(
            run_cli(
                ["-m", "ml", "predict", "--season", str(SEASON), "--round", str(round_number)], root
            )
        )
    ok(run_cli(["-m", "transform", "build"], root))
    return root


def warehouse(root: Path) -> Path:
    return root / "warehouse" / "f1.duckdb"


def served(root: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(warehouse(root)), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def written(root: Path, round_number: int) -> pd.DataFrame:
    """The file `ml predict` wrote (what the model said), drivers labelled from the dump."""
    folder = root / "predictions" / f"season={SEASON}" / f"round={round_number:02d}"
    frame = pd.read_parquet(folder / "part-0.parquet")
    codes = dict(csv_connection().execute("select driverRef, code from drivers").fetchall())
    return frame.assign(driver_code=frame["driver_ref"].map(codes))


def favourite_of(model: pd.DataFrame) -> str:
    return str(model.sort_values("p_win", ascending=False)["driver_code"].iloc[0])


def ergast_race(round_number: int) -> pd.DataFrame:
    """The dump's entries of a 2025 race: driver code, position text, classified position."""
    return (
        csv_connection()
        .execute(
            """select d.code as driver_code, r.positionText as position_text,
                      -- classified = a numeric position text (R, D, W... are not)
                      case when regexp_full_match(cast(r.positionText as varchar), '[0-9]+')
                           then r.position end as finish_position
               from results r join races ra using (raceId) join drivers d using (driverId)
               where ra.year = ? and ra.round = ?""",
            [SEASON, round_number],
        )
        .df()
    )


def app_for(root: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(root))
    monkeypatch.setenv("AI_SERVICE_URL", f"http://127.0.0.1:{free_port()}")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.switch_page("app_pages/predictions.py")
    return at.run()


def test_served_predictions_have_labels_probabilities_and_the_outcome(
    predicted_root: Path,
) -> None:
    assert ergast_race(NEXT).empty  # round 22 is still to run in the dump
    past = ergast_race(PAST)
    starters = past[~past["position_text"].isin(["W", "F"])]
    table = served(predicted_root, "select * from gold.fct_predictions")
    assert set(table["round"]) == {PAST, NEXT}
    for round_number, race in table.groupby("round"):
        assert len(race) == len(starters) == 20, round_number  # the field of the latest race
        assert race["driver_code"].notna().all() and race["driver_full_name"].notna().all()
        assert set(race["driver_code"]) == set(starters["driver_code"])
        for target in ("win", "podium", "top10", "dnf"):
            assert race[f"p_{target}"].between(0, 1).all()
            assert race[f"{target}_model_version"].notna().all()
    upcoming = table[table["round"] == NEXT]
    assert not upcoming["is_race_run"].any()
    assert upcoming[["actual_finish_position", "actual_win", "actual_podium"]].isna().all().all()
    run = table[table["round"] == PAST].set_index("driver_code")
    assert run["is_race_run"].all()
    expected = starters.set_index("driver_code")["finish_position"]
    actual = run["actual_finish_position"].astype("Int64").sort_index()
    pd.testing.assert_series_equal(
        actual, expected.astype("Int64").reindex(actual.index), check_names=False
    )
    assert set(run.index[run["actual_win"].astype(bool)]) == set(expected[expected == 1].index)
    assert set(run.index[run["actual_podium"].astype(bool)]) == set(expected[expected <= 3].index)
    for round_number in (PAST, NEXT):
        model = written(predicted_root, round_number).set_index("driver_code")
        race = table[table["round"] == round_number].set_index("driver_code")
        pd.testing.assert_series_equal(race["p_win"].sort_index(), model["p_win"].sort_index())
        assert race["predicted_win_rank"].idxmin() == model["p_win"].idxmax()


def test_lake_publishes_the_predictions(predicted_root: Path) -> None:
    manifest = json.loads((predicted_root / "gold" / "_manifest.json").read_text())
    entry = manifest["tables"]["fct_predictions"]
    assert entry["rows"] == 40 and entry["partition_by"] == ["season"]
    assert pd.read_parquet(predicted_root / "gold" / "fct_predictions")["driver_code"].notna().all()


def test_page_shows_both_races_predicted_vs_actual_and_reliability(
    predicted_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(predicted_root, monkeypatch)
    assert not at.exception
    assert at.title[0].value == "Race predictions"
    picker = at.selectbox(key="predictions_race")
    assert picker.options == [
        f"{SEASON} R{NEXT} · Las Vegas Grand Prix (still to run)",
        f"{SEASON} R{PAST} · São Paulo Grand Prix (result in)",
    ]
    assert picker.value == f"{SEASON}-{NEXT}"  # the latest predicted race
    table = at.dataframe[0].value
    assert len(table) == 20 and "Finish" not in table.columns
    model = written(predicted_root, NEXT)
    assert table["Driver"].iloc[0] == favourite_of(model)
    assert len(at.get("plotly_chart")) == 2  # probabilities + reliability (round 21 has a result)
    picker.select(f"{SEASON}-{PAST}").run()
    assert not at.exception
    past = ergast_race(PAST)
    winner = past.loc[past["finish_position"] == 1, "driver_code"].item()
    assert [m.value for m in at.metric if m.label == "Winner"] == [winner]
    table = at.dataframe[0].value
    finish = table.set_index("Driver")["Finish"]
    assert finish[winner] == 1
    assert [s.value for s in at.subheader] == ["Predicted vs actual", "Reliability"]
    reliability = at.dataframe[-1].value
    assert set(reliability["Target"]) == {"Win", "Podium", "Top 10", "DNF"}
    # every prediction of round 21 (20 starters) in one bin per target
    assert reliability.groupby("Target")["Predictions"].sum().to_dict() == {
        "Win": 20,
        "Podium": 20,
        "Top 10": 20,
        "DNF": 20,
    }


def test_copilot_names_the_favourite_from_the_predictions(predicted_root: Path) -> None:
    settings = CopilotSettings(external_data_root=predicted_root)
    model = written(predicted_root, NEXT)
    favourite = favourite_of(model)
    podium = list(model.nlargest(3, "p_podium")["driver_code"])
    with TestClient(create_app(settings, ScriptedModel(["x"], available=False))) as client:
        for question in (
            "Who is favourite for the 2025 Las Vegas Grand Prix?",
            "who will win in Las Vegas?",
        ):
            body = client.post("/ask", json={"question": question}).json()
            assert body["source"] == "library" and body["library_id"] == "race_favourite", body
            assert body["rows"][0][1] == favourite
            assert len(body["rows"]) == 20
        body = client.post("/ask", json={"question": "Predicted podium for Las Vegas 2025"}).json()
        assert body["library_id"] == "race_prediction"
        assert [row[1] for row in body["rows"]] == podium


def test_nothing_predicted_page_message_and_verify_gold(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(empty_root, monkeypatch)
    assert not at.exception
    [message] = [i.value for i in at.info]
    assert "No race has been predicted yet" in message
    assert "python -m ml train" in message and "python -m ml predict --season" in message
    verify = run_cli(["-m", "transform", "verify", "--skip-build"], empty_root, COLUMNS="200")
    ok(verify)
    assert "no predictions made" in verify.stdout  # the verdict line counts the allowed-empty
    report = (empty_root / "logs" / "verify-gold.txt").read_text()  # every table's count
    assert "fct_predictions" in report and "no predictions made" in report
    assert gold(warehouse(empty_root), "select count(*) from gold.fct_predictions") == [(0,)]
    assert "stg_ml_predictions" in report


def test_verify_gold_fails_when_predictions_exist_but_are_not_served(
    empty_root: Path, predicted_root: Path, tmp_path: Path
) -> None:
    root = copy_data_root(empty_root, tmp_path / "root")
    shutil.copytree(predicted_root / "predictions", root / "predictions")  # predicted, not built
    verify = run_cli(["-m", "transform", "verify", "--skip-build"], root, COLUMNS="200")
    assert verify.returncode != 0
    assert "empty served table(s)" in verify.stderr
    assert "gold.fct_predictions" in verify.stderr and "silver.stg_ml_predictions" in verify.stderr


def test_page_percentages_team_names_and_in_sample_warning(
    predicted_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probabilities read '23.4%'; teams are named as on the other pages (Fast-F1's names, not
    Ergast's 'Red Bull'); a race whose result the models were fitted on is flagged."""
    meta = json.loads(next((predicted_root / "models" / "win").glob("*/meta.json")).read_text())
    assert SEASON in meta["training_seasons"]  # round 21 was run before training: in sample
    fastf1_teams = set(
        pd.read_parquet(predicted_root / "bronze" / "results" / f"season={SEASON}")["team_name"]
    )
    at = app_for(predicted_root, monkeypatch)
    assert not at.exception
    model = written(predicted_root, NEXT).set_index("driver_code")
    table = at.dataframe[0].value.set_index("Driver")
    for driver, row in table.iterrows():
        assert row["Win"] == f"{model.loc[driver, 'p_win']:.1%}"
    assert set(table["Team"]) <= fastf1_teams and "Red Bull Racing" in set(table["Team"])
    assert not any("training sample" in w.value for w in at.warning)  # not run yet
    at.selectbox(key="predictions_race").select(f"{SEASON}-{PAST}").run()
    assert not at.exception
    assert any("training sample" in w.value for w in at.warning)
    assert any("says little about calibration" in w.value for w in at.warning)
