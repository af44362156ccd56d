"""Predictions: each driver's chances in a race predicted with `python -m ml predict`, what
happened once the race is run, and how well calibrated the predictions are over every race.

Reads gold.fct_predictions only; it needs no session selected in the sidebar.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, queries, ui
from dashboard.settings import DashboardSettings

PREDICT_HINT = (
    "Predictions come from the models in `ml/` (they need the Ergast history, see the README): "
    "train them with `python -m ml train`, predict a race with "
    "`python -m ml predict --season 2025 --round 22`, then `make gold` to serve it here."
)
MIN_RELIABILITY_RACES = 5
TARGET_LABELS = {"win": "Win", "podium": "Podium", "top10": "Top 10", "dnf": "DNF"}


def race_label(row: pd.Series) -> str:
    name = row["race_name"] or row["event_id"]
    state = "result in" if row["is_race_run"] else "still to run"
    return f"{row['season']} R{row['round']:02d} · {name} ({state})"


def probability_chart(race: pd.DataFrame) -> go.Figure:
    """One group of bars per driver (favourite first): the probability of each target."""
    long = race.melt(
        id_vars=["driver_code"],
        value_vars=[f"p_{t}" for t in TARGET_LABELS],
        var_name="target",
        value_name="probability",
    )
    long["target"] = long["target"].str.removeprefix("p_").map(TARGET_LABELS)
    fig = px.bar(
        long,
        x="driver_code",
        y="probability",
        color="target",
        barmode="group",
        category_orders={"driver_code": list(race["driver_code"])},
        labels={"driver_code": "Driver", "probability": "Probability", "target": ""},
    )
    fig.update_yaxes(range=[0, 1], tickformat=".0%")
    fig.update_traces(hovertemplate="<b>%{x}</b> %{y:.1%}<extra>%{fullData.name}</extra>")
    return charts.styled(fig, title="Probability per driver")


def prediction_table(race: pd.DataFrame, is_run: bool) -> pd.DataFrame:
    columns = {
        "predicted_win_rank": "Favourite #",
        "driver_code": "Driver",
        "driver_full_name": "Name",
        "team_name": "Team",
        "p_win": "Win",
        "p_podium": "Podium",
        "p_top10": "Top 10",
        "p_dnf": "DNF",
    }
    if is_run:
        columns |= {
            "grid_slot": "Grid",
            "actual_finish_position": "Finish",
            "actual_dnf": "Did not finish",
        }
    table = race[list(columns)].rename(columns=columns)
    for label in ("Win", "Podium", "Top 10", "DNF"):
        table[label] = table[label].map(percent)
    if is_run:
        table["Did not finish"] = table["Did not finish"].map(
            lambda v: "—" if pd.isna(v) else "yes" if v else "no"
        )
    return table


def percent(value: object) -> str:
    """0.2345 -> '23.5%' (missing -> '—')."""
    return "—" if not isinstance(value, int | float) or pd.isna(value) else f"{value:.1%}"


def outcome_summary(race: pd.DataFrame) -> None:
    """Predicted vs actual for a race with a result: the favourite, the winner, the podium."""
    st.subheader("Predicted vs actual")
    favourite = race.iloc[0]
    winners = race[race["actual_win"].fillna(False).astype(bool)]
    podium = race[race["actual_podium"].fillna(False).astype(bool)]
    top3 = race.sort_values("p_podium", ascending=False).head(3)
    cols = st.columns(3)
    cols[0].metric(
        "Favourite (highest win %)", f"{favourite['driver_code']} {favourite['p_win']:.0%}"
    )
    cols[1].metric("Winner", ", ".join(winners["driver_code"]) or "—")
    hits = len(set(top3["driver_code"]) & set(podium["driver_code"]))
    cols[2].metric("Predicted podium on the podium", f"{hits} of 3")
    st.caption(
        "Predicted podium (3 highest podium %): "
        + ", ".join(top3["driver_code"])
        + " · actual podium: "
        + ", ".join(podium.sort_values("actual_finish_position")["driver_code"])
    )


def reliability_chart(bins: pd.DataFrame) -> go.Figure:
    """Observed frequency against mean predicted probability per bin, one line per target."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name="perfectly calibrated",
            line={"dash": "dot", "color": "grey"},
        )
    )
    for target, label in TARGET_LABELS.items():
        rows = bins[bins["target"] == target]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["mean_predicted"],
                y=rows["observed_frequency"],
                mode="lines+markers",
                name=label,
                customdata=rows[["predictions"]],
                hovertemplate="predicted %{x:.0%} · observed %{y:.0%} · %{customdata[0]} "
                "predictions<extra>" + label + "</extra>",
            )
        )
    fig.update_xaxes(title="Mean predicted probability", range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title="Observed frequency", range=[0, 1], tickformat=".0%")
    return charts.styled(fig, title="Reliability diagram")


def reliability_section(key: queries.WarehouseKey, races: pd.DataFrame) -> None:
    st.subheader("Reliability")
    run = races[races["is_race_run"]]
    if run.empty:
        st.info(
            "No predicted race has a result yet: the reliability diagram compares "
            "predictions with outcomes once one has (ingest its history, then `make gold`).",
            icon=":material/hourglass_top:",
        )
        return
    bins = queries.prediction_reliability(key)
    st.caption(
        f"Every prediction of the {len(run)} predicted race(s) with a result, in ten bins of "
        "predicted probability: a well calibrated model's points lie on the diagonal."
    )
    if len(run) < MIN_RELIABILITY_RACES:
        st.warning(
            f"Only {len(run)} predicted race(s) with a result: a handful of drivers per bin, "
            "so this diagram says little about calibration yet. Predict more races (`python -m "
            "ml predict --season … --round …`) for a meaningful one.",
            icon=":material/info:",
        )
    st.plotly_chart(reliability_chart(bins), width="stretch")
    table = bins.assign(target=bins["target"].map(TARGET_LABELS)).rename(
        columns={
            "target": "Target",
            "bin": "Bin",
            "mean_predicted": "Mean predicted",
            "observed_frequency": "Observed",
            "predictions": "Predictions",
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")


def render() -> None:
    key = queries.warehouse_key()
    st.title("Race predictions")
    races = queries.predicted_races(key)
    if races.empty:
        ui.empty_state("No race has been predicted yet.", PREDICT_HINT)
        return
    labels = {r["event_id"]: race_label(r) for _, r in races.iterrows()}
    event_id = st.selectbox(
        "Predicted race",
        list(labels),
        index=0,
        key="predictions_race",
        format_func=labels.__getitem__,
    )
    chosen = races.set_index("event_id").loc[event_id]
    race = queries.race_predictions(key, event_id)
    is_run = bool(chosen["is_race_run"])
    st.caption(
        f"{len(race)} drivers · win model version {chosen['win_model_version']} · "
        + ("the race has a result" if is_run else "not run yet: no outcome to compare")
    )
    in_sample = queries.in_training_sample(
        str(DashboardSettings().layout.models),
        str(chosen["win_model_version"]),
        int(chosen["season"]),
        chosen["race_date"],
    )
    if is_run and in_sample:
        st.warning(
            "This race's result is in the models' training sample (they were fitted on every "
            f"race of {int(chosen['season'])} run before training): the probabilities are not an "
            "out-of-sample forecast, and the comparison with the outcome flatters the model.",
            icon=":material/warning:",
        )
    st.plotly_chart(probability_chart(race), width="stretch")
    st.dataframe(prediction_table(race, is_run), hide_index=True, width="stretch")
    if is_run:
        outcome_summary(race)
    reliability_section(key, races)


ui.run_guarded(render)
