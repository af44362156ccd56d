"""The predictions page's SQL (gold.fct_predictions)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.queries.connection import CACHE_TTL_S, WarehouseKey, run_query

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
        select predicted_win_rank, driver_code, driver_full_name,
               coalesce(t.team_name, p.constructor_name) as team_name, p_win,
               p_podium, p_top10, p_dnf, is_race_run, grid_slot, actual_finish_position,
               actual_win, actual_podium, actual_top10, actual_dnf
        from gold.fct_predictions p
        left join gold.dim_teams t
            on t.season = p.season and t.constructor_ref = p.constructor_ref
        where p.event_id = ?
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


@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False)
def training_seasons(models_root: str, target: str, version: str) -> tuple[int, ...]:
    """The seasons a model version was fitted on (its meta.json; empty when not found)."""
    path = Path(models_root) / target / version / "meta.json"
    try:
        return tuple(int(s) for s in json.loads(path.read_text())["training_seasons"])
    except (OSError, ValueError, KeyError):
        return ()


def trained_at(version: str) -> datetime | None:
    """A model version's name is the UTC time it was trained (20250101T120000123456Z)."""
    try:
        return datetime.strptime(version, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def in_training_sample(
    models_root: str, version: str, season: int, race_date: date | None
) -> bool | None:
    """Whether a race's result was among the rows the win model was fitted on (its season is
    a training season and the race was run before the model was trained); None: unknown."""
    seasons, when = training_seasons(models_root, "win", version), trained_at(version)
    if not seasons or when is None:
        return None
    if season not in seasons:
        return False
    return race_date is None or pd.Timestamp(race_date).date() < when.date()
