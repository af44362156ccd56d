"""History: champions since 1950, a driver's career, two careers side by side, a circuit's winners.

Reads gold's history marts only (built from `python -m ingestion history`); it needs no
session selected in the sidebar.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard import charts, figures, queries, ui

HISTORY_HINT = (
    "Load the Ergast history with `python -m ingestion history --from-csv <dump folder>` "
    "(or `--seasons 1950-2025` online), then `make gold`."
)
VIEWS = ("Champions", "Drivers", "Circuits")
VIEW_KEY = "history_view"  # st.session_state[VIEW_KEY] = the open tab's label
WINNER_HEADERS = {
    "season": "Season",
    "event_name": "Race",
    "driver_full_name": "Winner",
    "team_name": "Team",
    "grid_position": "Grid",
}
CARD_FIELDS = (
    ("Starts", "starts"),
    ("Wins", "wins"),
    ("Podiums", "podiums"),
    ("Poles", "poles"),
    ("Fastest laps", "fastest_laps"),
    ("Points", "points"),
    ("Titles", "championships"),
    ("Seasons", "seasons"),
)


def champions_timeline(champions: pd.DataFrame) -> None:
    st.subheader("Champions")
    complete = champions[champions["is_complete"]]
    running = champions[~champions["is_complete"]]
    if not complete.empty:
        first, last = int(complete["season"].min()), int(complete["season"].max())
        st.caption(
            f"Drivers' champions {first}–{last}, coloured by the champion's own team that "
            "season; marker size = wins."
            + (
                " In progress: " + ", ".join(str(s) for s in running["season"]) + "."
                if not running.empty
                else ""
            )
        )
        st.plotly_chart(figures.champions_chart(queries.warehouse_key()), width="stretch")
    table = pd.DataFrame(
        {
            "Season": champions["season"],
            "Status": champions["is_complete"].map({True: "final", False: "in progress"}),
            "Drivers' champion": [
                name if done else f"{name} (leads, in progress)"
                for name, done in zip(
                    champions["driver_name"], champions["is_complete"], strict=True
                )
            ],
            "Team": champions["champion_team_name"],
            "Wins": champions["driver_wins"],
            "Points": champions["driver_points"],
            "Margin": champions["driver_margin_points"],
            "Constructors' champion": champions["constructor_name"].fillna("— (no title)"),
            "Team points": champions["constructor_points"],
        }
    )
    st.dataframe(table.sort_values("Season", ascending=False), hide_index=True, width="stretch")


def career_card(row: pd.Series) -> None:
    st.markdown(
        f"**{row['driver_name']}** · {row['nationality']} · "
        f"{row['first_season']}–{row['last_season']} · {row['team_names']}"
    )
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
        "Compare with",
        refs,
        index=default,
        key="history_driver_b",
        format_func=labels.__getitem__,
    )
    left, right = st.columns(2)
    with left:
        career_card(by_ref.loc[first])
    with right:
        career_card(by_ref.loc[second])
    seasons = queries.driver_season_points(key, (first, second))
    fig = px.bar(
        seasons,
        x="season",
        y="wins",
        color="driver_name",
        barmode="group",
        labels={"season": "Season", "wins": "Wins", "driver_name": "Driver"},
    )
    st.plotly_chart(charts.styled(fig, title="Wins per season"), width="stretch")


def card(column: Any, label: str, value: str, detail: str) -> None:
    """A metric-like card that wraps long names instead of cutting them."""
    with column.container(border=True):
        st.caption(label)
        st.markdown(f"**{value}**" + (f"  \n{detail}" if detail else ""))


def circuit_section(key: queries.WarehouseKey, circuits: pd.DataFrame) -> None:
    st.subheader("Circuit winners")
    labels = {
        r.circuit_ref: f"{r.circuit_name} ({r.country}, {r.races_held} races)"
        for r in circuits.itertuples()
    }
    ref = st.selectbox(
        "Circuit",
        list(circuits["circuit_ref"]),
        key="history_circuit",
        format_func=labels.__getitem__,
    )
    row = circuits.set_index("circuit_ref").loc[ref]
    cols = st.columns(3)
    card(cols[0], "Races held", str(int(row["races_held"])), "")
    driver, team = row["most_wins_driver_name"], row["most_wins_constructor_name"]
    card(cols[1], "Most wins (driver)", str(driver), f"{row['most_wins_driver_count']} wins")
    card(cols[2], "Most wins (team)", str(team), f"{row['most_wins_constructor_count']} wins")
    winners = queries.circuit_winners(key, ref).rename(columns=WINNER_HEADERS)
    st.dataframe(winners, hide_index=True, width="stretch")


def render() -> None:
    key = queries.warehouse_key()
    st.title("Formula 1 history")
    champions = queries.season_champions(key)
    if champions.empty:
        ui.empty_state("No history in the warehouse yet.", HISTORY_HINT)
        return
    first, last = int(champions["season"].min()), int(champions["season"].max())
    st.caption(f"Every championship season {first}–{last} (Ergast history).")
    # lazy tabs: only the open tab's queries and charts run and reach the browser
    champions_tab, drivers_tab, circuits_tab = st.tabs(list(VIEWS), key=VIEW_KEY, on_change="rerun")
    if champions_tab.open:
        with champions_tab:
            champions_timeline(champions)
    if drivers_tab.open:
        with drivers_tab:
            careers_section(key, queries.driver_careers(key))
    if circuits_tab.open:
        with circuits_tab:
            circuit_section(key, queries.circuits_history(key))


ui.run_guarded(render)
