"""The predictions page's SQL (gold.fct_predictions)."""

from __future__ import annotations

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query

# ------------------------------------------------------------------------------ predictions

PREDICTION_TARGETS = ("win", "podium", "top10", "dnf")


def predicted_races(key: WarehouseKey) -> pd.DataFrame:
    """Every race predicted with `python -m ml predict`, the latest first."""
    return run_query(
        key,
        """
        select event_id, season, round, any_value(race_name) as race_name,
               any_value(race_date) as race_date, bool_or(is_race_run) as is_race_run,
               count(*) as drivers, max(win_model_version) as win_model_version
        from gold.fct_predictions
        group by event_id, season, round
        order by season desc, round desc
        """,
    )


def race_predictions(key: WarehouseKey, event_id: str) -> pd.DataFrame:
    """Each driver's probabilities for one predicted race (favourite first) and the outcome."""
    return run_query(
        key,
        """
        select predicted_win_rank, driver_code, driver_full_name, constructor_name, p_win,
               p_podium, p_top10, p_dnf, is_race_run, grid_slot, actual_finish_position,
               actual_win, actual_podium, actual_top10, actual_dnf
        from gold.fct_predictions where event_id = ?
        order by p_win desc, p_podium desc, driver_code
        """,
        (event_id,),
    )


def prediction_reliability(key: WarehouseKey, bins: int = 10) -> pd.DataFrame:
    """Reliability per target over every predicted race with a result: predictions in `bins`
    equal bins of probability, the mean predicted and the observed frequency of each bin."""
    arms = " union all ".join(
        f"select '{t}' as target, p_{t} as p, cast(actual_{t} as double) as observed "
        f"from gold.fct_predictions where is_race_run and actual_{t} is not null"
        for t in PREDICTION_TARGETS
    )
    return run_query(
        key,
        f"""
        with outcomes as ({arms})
        select target, least(floor(p * ?), ? - 1) as bin, avg(p) as mean_predicted,
               avg(observed) as observed_frequency, count(*) as predictions
        from outcomes
        group by target, bin
        order by target, bin
        """,
        (bins, bins),
    )
