"""The model's probabilities are consistent within each race (P(win) sums to 1, P(podium) to 3,
P(top10) to 10, grid known or not), and the Elo rating, the one input computed outside the
warehouse, has no leakage: changing every result from race r on leaves race r's rating alone.
Expected sums and finishing orders come from the Ergast CSVs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ml.elo import with_elo
from ml.features import GRID_FEATURES, load_features
from ml.modeling import PER_RACE, fit, training_rows
from tests.history.conftest import csv_connection

SEASON = 2025
CUT = (2024, 10)


@pytest.fixture(scope="module")
def rated(history_warehouse: Path) -> pd.DataFrame:
    frame = load_features(history_warehouse)
    return with_elo(frame[frame["season"] >= 2019])


def ergast_counts(column: str) -> dict[int, int]:
    """Per 2025 round of the dump: drivers whose classified position satisfies `column`."""
    limit = {"is_win": 1, "is_podium": 3, "is_top10": 10}[column]
    rows = (
        csv_connection()
        .execute(
            """select ra.round, count(*) filter (where try_cast(r.position as int) <= ?)
           from results r join races ra using (raceId) where ra.year = ? group by 1""",
            [limit, SEASON],
        )
        .fetchall()
    )
    return dict(rows)


@pytest.mark.parametrize("column", ["is_win", "is_podium", "is_top10"])
def test_probabilities_sum_per_race_to_the_drivers_who_make_it(
    rated: pd.DataFrame, column: str
) -> None:
    fitted = fit("model", training_rows(rated, SEASON, 3, 2019), column, seed=1)
    race_rows = rated[rated["season"] == SEASON]  # the run races and round 22 (to run)
    expected = ergast_counts(column)
    for blanked in (False, True):  # grid known; before qualifying
        rows = race_rows.assign(**{c: np.nan for c in GRID_FEATURES}) if blanked else race_rows
        p = pd.Series(fitted.predict(rows), index=rows.index)
        assert p.between(0, 1).all()
        sums = p.groupby(rows["round"]).sum()
        for round_number, total in sums.items():
            # a race still to run: as many as a race always has
            wanted = expected.get(int(str(round_number)), PER_RACE[column])
            assert total == pytest.approx(wanted, abs=1e-6), round_number


def test_elo_of_race_r_ignores_results_from_r_on(rated: pd.DataFrame) -> None:
    frame = rated.drop(columns="driver_elo")
    key = frame["season"] * 100 + frame["round"]
    cut = CUT[0] * 100 + CUT[1]
    reversed_order = frame.assign(
        finish_position=np.where(
            key >= cut, 21 - frame["finish_position"], frame["finish_position"]
        )
    )
    before, after = with_elo(frame)["driver_elo"], with_elo(reversed_order)["driver_elo"]
    pd.testing.assert_series_equal(before[key <= cut], after[key <= cut])
    assert not np.allclose(before[key > cut], after[key > cut])


def ergast_grid(season: int) -> pd.DataFrame:
    """(round, driverRef, grid) of the season's starters in the dump (grid 0 = pit lane)."""
    return (
        csv_connection()
        .execute(
            """select ra.round, d.driverRef as driver_ref, r.grid from results r
               join races ra using (raceId) join drivers d using (driverId)
               where ra.year = ? and r.grid > 0""",
            [season],
        )
        .df()
    )


def test_before_qualifying_the_model_scores_stage_1s_predicted_grid(rated: pd.DataFrame) -> None:
    """A race with its grid blanked gets a predicted grid (a permutation of 1..n per race)
    that follows the real one (Ergast's grid) more than the drivers' previous race does."""
    fitted = fit("model", training_rows(rated, SEASON, 3, 2019), "is_win", seed=1)
    assert fitted.pace is not None
    run = rated[(rated["season"] == SEASON) & rated["has_result"]]
    blind = run.assign(**{c: np.nan for c in GRID_FEATURES})
    filled = fitted.pace.fill(blind)
    for _, race in filled.groupby("round"):
        assert sorted(race["grid_slot"]) == list(range(1, len(race) + 1))
    truth = filled.merge(ergast_grid(SEASON), on=["round", "driver_ref"])
    last = truth["driver_grid_last"].groupby(truth["round"]).rank(na_option="bottom")

    def mean_rho(predicted: pd.Series) -> float:
        rows = truth.assign(p=predicted)
        rhos = [r["p"].corr(r["grid"], method="spearman") for _, r in rows.groupby("round")]
        return float(np.mean(rhos))

    assert mean_rho(truth["grid_slot"]) > mean_rho(last)
    # and the probabilities of the blanked races are the pre-qualifying pair's on that grid
    assert not np.allclose(fitted.predict(blind), fitted.predict(run))


def test_one_race_served_derives_and_grids_as_the_grouped_path(rated: pd.DataFrame) -> None:
    """Serving scores one race without group-bys (ml.derived, ml.qualifying.with_grid): the
    columns equal the grouped computation of the same race among others."""
    from ml.derived import derive
    from ml.qualifying import with_grid

    races = rated[rated["season"] == SEASON]
    last = races[races["round"] == races["round"].max() - 1]
    gap = np.random.default_rng(0).choice([0.2, 0.5, 1.0], size=len(last))  # ties included
    alone = derive(with_grid(last, gap))
    grouped = races[races["round"] != last["round"].iloc[0]]
    among = derive(with_grid(pd.concat([last, grouped]), np.r_[gap, np.ones(len(grouped))]))
    for column in alone.columns.difference(list(last.columns)).union(
        ["grid_slot", "grid_slot_vs_team", "qualifying_gap_to_pole_pct"]
    ):
        np.testing.assert_allclose(
            alone[column].to_numpy(dtype="float64"),
            among[column].iloc[: len(last)].to_numpy(dtype="float64"),
            err_msg=column,
        )
