"""History: champions since 1950, a driver's career, two careers side by side, a circuit's winners.

Reads gold's history marts only (built from `python -m ingestion history`); it needs no
session selected in the sidebar.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard import charts, queries, ui

HISTORY_HINT = (
    "Load the Ergast history with `python -m ingestion history --from-csv <dump folder>` "
    "(or `--seasons 1950-2025` online), then `make gold`."
)
CARD_FIELDS = (
    ("Starts", "starts"), ("Wins", "wins"), ("Podiums", "podiums"), ("Poles", "poles"),
    ("Fastest laps", "fastest_laps"), ("Points", "points"), ("Titles", "championships"),
    ("Seasons", "seasons"),
)  # fmt: skip


def champions_timeline(champions: pd.DataFrame) -> None:
    st.subheader("Champions")
    complete = champions[champions["is_season_complete"]]
    fig = px.scatter(
        complete, x="season", y="driver_name", size="driver_wins", color="constructor_name",
        hover_data=["driver_points", "driver_margin_points", "constructor_name"],
        labels={"season": "Season", "driver_name": "Drivers' champion",
                "constructor_name": "Constructors' champion"},
    )  # fmt: skip
    st.plotly_chart(charts.styled(fig, height=700), width="stretch")
    table = champions.rename(
        columns={"driver_name": "Drivers' champion", "driver_points": "Points",
                 "driver_margin_points": "Margin", "constructor_name": "Constructors' champion",
                 "constructor_points": "Team points", "season": "Season"}
    )  # fmt: skip
    st.dataframe(
        table[["Season", "Drivers' champion", "Points", "Margin", "Constructors' champion",
               "Team points"]].sort_values("Season", ascending=False),
        hide_index=True, width="stretch",
    )  # fmt: skip


def career_card(row: pd.Series) -> None:
    st.markdown(f"**{row['driver_name']}** · {row['nationality']} · "
                f"{row['first_season']}–{row['last_season']} · {row['team_names']}")  # fmt: skip
    cols = st.columns(len(CARD_FIELDS))
    for col, (label, field) in zip(cols, CARD_FIELDS, strict=True):
        value = row[field]
        col.metric(label, f"{value:g}" if isinstance(value, float) else int(value))
    st.caption(f"First race: {row['first_race']} · last race: {row['last_race']}")


def careers_section(key: queries.WarehouseKey, careers: pd.DataFrame) -> None:
    st.subheader("Driver career")
    labels = dict(zip(careers["driver_ref"], careers["driver_name"], strict=True))
    refs = list(careers["driver_ref"])
    first = st.selectbox("Driver", refs, key="history_driver", format_func=labels.__getitem__)
    by_ref = careers.set_index("driver_ref", drop=False)
    career_card(by_ref.loc[first])
    st.subheader("Two careers side by side")
    default = 1 if len(refs) > 1 and refs[0] == first else 0
    second = st.selectbox(
        "Compare with", refs, index=default, key="history_driver_b",
        format_func=labels.__getitem__,
    )  # fmt: skip
    left, right = st.columns(2)
    with left:
        career_card(by_ref.loc[first])
    with right:
        career_card(by_ref.loc[second])
    seasons = queries.driver_season_points(key, (first, second))
    fig = px.bar(
        seasons, x="season", y="wins", color="driver_name", barmode="group",
        labels={"season": "Season", "wins": "Wins", "driver_name": "Driver"},
    )  # fmt: skip
    st.plotly_chart(charts.styled(fig, title="Wins per season"), width="stretch")


def circuit_section(key: queries.WarehouseKey, circuits: pd.DataFrame) -> None:
    st.subheader("Circuit winners")
    labels = {
        r.circuit_ref: f"{r.circuit_name} ({r.country}, {r.races_held} races)"
        for r in circuits.itertuples()
    }
    ref = st.selectbox(
        "Circuit", list(circuits["circuit_ref"]), key="history_circuit",
        format_func=labels.__getitem__,
    )  # fmt: skip
    row = circuits.set_index("circuit_ref").loc[ref]
    cols = st.columns(3)
    cols[0].metric("Races held", int(row["races_held"]))
    cols[1].metric(
        "Most wins (driver)", f"{row['most_wins_driver_name']} ×{row['most_wins_driver_count']}"
    )
    cols[2].metric(
        "Most wins (team)",
        f"{row['most_wins_constructor_name']} ×{row['most_wins_constructor_count']}",
    )
    st.dataframe(queries.circuit_winners(key, ref), hide_index=True, width="stretch")


def render() -> None:
    key = queries.warehouse_key()
    st.title("Formula 1 history")
    champions = queries.season_champions(key)
    if champions.empty:
        ui.empty_state("No history in the warehouse yet.", HISTORY_HINT)
        return
    first, last = int(champions["season"].min()), int(champions["season"].max())
    st.caption(f"Every championship season {first}–{last} (Ergast history).")
    tabs = st.tabs(["Champions", "Drivers", "Circuits"])
    with tabs[0]:
        champions_timeline(champions)
    with tabs[1]:
        careers_section(key, queries.driver_careers(key))
    with tabs[2]:
        circuit_section(key, queries.circuits_history(key))


ui.run_guarded(render)
