"""Season: the championship fight round by round, one driver's season, one team's season.

Reads gold's standings and results (Ergast history and Fast-F1); the season comes from the
sidebar when it has standings, else the latest season that has."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import queries, ui
from dashboard.charts.season import championship_chart
from dashboard.formatting import MISSING, is_missing

HISTORY_HINT = (
    "Standings come from the Ergast history: `python -m ingestion history --from-csv <dump "
    "folder>` (or `--seasons 2018-2025` online), then `make gold`."
)
SESSION_NAMES = {"R": "Race", "S": "Sprint"}


def points(value: Any) -> str:
    return MISSING if is_missing(value) else f"{float(value):g}"


def pick_season(seasons: pd.DataFrame) -> int:
    selection = ui.current_selection()
    options = [int(s) for s in seasons["season"]]
    default = int(selection.session["season"]) if selection is not None else options[0]
    ui.choose("season_pick", options, default if default in options else options[0])
    return int(st.selectbox("Season", options, key="season_pick"))


def status_line(row: pd.Series) -> str:
    if bool(row["is_complete"]):
        return f"{int(row['season'])}: final standings after {int(row['last_round'])} rounds."
    scheduled = row["rounds_scheduled"]
    of = f" of {int(scheduled)}" if pd.notna(scheduled) else ""
    return (
        f"{int(row['season'])}: in progress — standings after round {int(row['last_round'])}{of}."
    )


def standings_table(standings: pd.DataFrame, name: str, code: str) -> pd.DataFrame:
    last = standings[standings["round"] == standings["round"].max()].sort_values("position")
    leader = float(last["points"].max()) if not last.empty else 0.0
    table = {"Pos": last["position"], "Driver" if code == "driver_ref" else "Team": last[name]}
    if code == "driver_ref":
        table["Team"] = last["team_name"]
    table |= {
        "Points": last["points"].map(points),
        "Behind": [MISSING if p == leader else f"-{leader - p:g}" for p in last["points"]],
        "Wins": last["wins"],
    }
    return pd.DataFrame(table)


def championship_section(season: int) -> None:
    key = queries.warehouse_key()
    kind = st.radio("Championship", ["Drivers", "Constructors"], horizontal=True, key="season_kind")
    if kind == "Drivers":
        standings = queries.driver_standings(key, season)
        name, code = "driver_full_name", "driver_ref"
    else:
        standings = queries.constructor_standings(key, season)
        name, code = "team_name", "constructor_ref"
    if standings.empty:
        st.caption(f"No {kind.lower()}' standings for {season}.")
        return
    entries = list(dict.fromkeys(standings[code]))
    top = st.slider("Show the top", 2, len(entries), min(8, len(entries)), key="season_top")
    shown = standings[standings[code].isin(entries[:top])]
    st.plotly_chart(championship_chart(shown, name, code), width="stretch")
    st.dataframe(standings_table(standings, name, code), hide_index=True, width="stretch")


def grid(value: Any) -> str:
    if is_missing(value):
        return MISSING
    return "Pit lane" if int(value) == 0 else str(int(value))


def results_table(rows: pd.DataFrame, with_driver: bool) -> pd.DataFrame:
    table = {
        "Round": rows["round"],
        "Event": rows["event_name"],
        "Session": rows["session_code"].map(SESSION_NAMES),
    }
    if with_driver:
        table["Driver"] = rows["driver_code"].fillna(rows["driver_full_name"])
    table |= {
        "Grid": rows["grid_position"].map(grid),
        "Finish": pd.Series(
            [
                text if isinstance(text, str) else (MISSING if is_missing(p) else str(int(p)))
                for text, p in zip(
                    rows["classified_position"], rows["finish_position"], strict=True
                )
            ],
            index=rows.index,
        ),
        "Status": rows["status"].fillna(MISSING),
        "Points": rows["points"].map(points),
    }
    return pd.DataFrame(table)


def card(column: st.delta_generator.DeltaGenerator, label: str, value: object) -> None:
    column.metric(label, str(value))


def driver_section(season: int) -> None:
    key = queries.warehouse_key()
    standings = queries.driver_standings(key, season)
    entity_section(season, standings, "Driver", ("driver_ref", "driver_full_name"), "team_name")


def team_section(season: int) -> None:
    key = queries.warehouse_key()
    standings = queries.constructor_standings(key, season)
    entity_section(season, standings, "Team", ("constructor_ref", "team_name"), "driver_code")


def entity_section(
    season: int, standings: pd.DataFrame, label: str, columns: tuple[str, str], other: str
) -> None:
    """One driver's or one team's season: championship place, points, wins, podiums (and a
    driver's poles), who they raced with (`other`: the team or the drivers), every result."""
    results = queries.season_results(queries.warehouse_key(), season)
    if standings.empty or results.empty:
        st.caption(f"No {label.lower()} results for {season}.")
        return
    ref_column, name_column = columns
    names = dict(zip(standings[ref_column], standings[name_column], strict=False))
    ref = st.selectbox(
        label, list(names), key=f"season_{label.lower()}_{season}", format_func=names.__getitem__
    )
    last = standings[standings[ref_column] == ref].iloc[-1]
    rows = results[results[ref_column] == ref]
    races = rows[rows["session_code"] == "R"]
    cards = {
        "Championship": f"P{int(last['position'])}",
        "Points": points(last["points"]),
        "Wins": int(races["is_winner"].sum()),
        "Podiums": int(races["is_podium"].sum()),
    }
    if label == "Driver":
        cards["Poles"] = int(races["is_pole"].sum())
    cards["Team" if label == "Driver" else "Drivers"] = " / ".join(
        dict.fromkeys(rows[other].dropna())
    )
    for column, (name, value) in zip(st.columns(len(cards)), cards.items(), strict=True):
        card(column, name, value)
    with_driver = label != "Driver"
    st.dataframe(results_table(rows, with_driver=with_driver), hide_index=True, width="stretch")


def render() -> None:
    key = queries.warehouse_key()
    st.title("Season")
    seasons = queries.standings_seasons(key)
    if seasons.empty:
        ui.empty_state("No championship standings in the warehouse yet.", HISTORY_HINT)
        return
    season = pick_season(seasons)
    row = seasons[seasons["season"] == season].iloc[0]
    st.caption(status_line(row))
    if not bool(row["standings_complete"]):
        st.warning(
            f"{season}'s standings are computed from incomplete results: points are missing "
            f"for {int(row['rounds_missing'] or 0)} of the rounds so far, so these totals are "
            "a lower bound, not the official standings. Load the season's history "
            "(`python -m ingestion history`) then `make gold`.",
            icon=":material/warning:",
        )
    tabs = st.tabs(["Championship", "Driver's season", "Team's season"])
    with tabs[0]:
        championship_section(season)
    with tabs[1]:
        driver_section(season)
    with tabs[2]:
        team_section(season)


ui.run_guarded(render)
