"""Race: positions lap by lap, tyre strategy, clean-lap pace, pit stops and race control.

Every section has the same shape: a subheader, the gold rows it draws, a caption when there are
none, else its chart (built once per warehouse build and session, `dashboard.figures`) or its
table. The charts come first on the page so that they paint first; the tables follow."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, figures, queries, tables, ui


def section(title: str, rows: pd.DataFrame, empty: str) -> bool:
    """The section's subheader; when `rows` is empty, the `empty` caption and False."""
    st.subheader(title)
    if rows.empty:
        st.caption(empty)
        return False
    return True


def chart(selection: ui.Selection, kind: str, option: str = "") -> None:
    """A Race chart, built once per warehouse build and session (dashboard.figures)."""
    season = int(selection.session["season"])
    figure = figures.race_chart(kind, selection.key, selection.session_id, season, option)
    st.plotly_chart(figure, width="stretch")


def table(frame: pd.DataFrame, height: int | None = None) -> None:
    st.dataframe(frame, hide_index=True, width="stretch", height=height or "auto")


def positions_section(selection: ui.Selection) -> None:
    st.subheader("Positions lap by lap")
    if not queries.positions(selection.key, selection.session_id).empty:
        chart(selection, "positions")
        return
    race_like = selection.catalog[
        selection.catalog["session_type"].isin(queries.RACE_LIKE) & selection.catalog["has_laps"]
    ]
    examples = ", ".join(
        f"{r.season} {r.event_name} {r.session_name}" for r in race_like.itertuples()
    )
    ui.empty_state(
        "Running positions exist for races and sprints only.",
        f"Pick one with lap timing in the sidebar ({examples or 'none ingested yet'}), or "
        "ingest a race with `make ingest SEASON=… ROUNDS=… SESSIONS=R` then `make gold`.",
    )


def leader_gap_section(selection: ui.Selection) -> None:
    ends = queries.lap_end_times(selection.key, selection.session_id)
    if not section("Gap to the leader", ends, "No lap-end times recorded for this session."):
        return
    column = st.radio(
        "Show",
        list(charts.GAP_MODES),
        format_func=charts.GAP_MODES.__getitem__,
        horizontal=True,
        key=f"leader_gap_{selection.session_id}",
        label_visibility="collapsed",
    )
    st.caption(
        "At the line after each lap, from the session time each car completed it; a lapped "
        "car is compared with the leader's crossing of the same lap. Shaded: safety car, VSC, "
        "red flag (from the leader's track status)."
    )
    chart(selection, "leader", str(column))


def strategy_section(selection: ui.Selection) -> None:
    stints = queries.stints(selection.key, selection.session_id)
    if section("Tyre strategy", stints, "No stints recorded for this session."):
        chart(selection, "strategy")


def pace_section(selection: ui.Selection) -> None:
    laps = queries.clean_laps(selection.key, selection.session_id)
    empty = "No clean laps (timed, accurate, no pit, track clear) in this session."
    if section("Lap-time distribution (clean laps)", laps, empty):
        st.caption("Clean laps only: timed, accurate, not deleted, no pit in/out, track clear.")
        chart(selection, "distribution")


def compound_pace_section(selection: ui.Selection) -> None:
    laps = queries.compound_pace(selection.key, selection.session_id)
    empty = "No clean laps with a known tyre age in this session."
    if not section("Stint pace by compound", laps, empty):
        return
    chart(selection, "compound_pace")
    per_compound = tables.compound_table(queries.stint_summary(selection.key, selection.session_id))
    if not per_compound.empty:
        st.caption(
            "Degradation: the slope of fuel-corrected clean-lap time against tyre age per stint "
            "(gold.fct_stints; races and sprints, 5+ clean laps), median over the compound's "
            "stints."
        )
        table(per_compound)


def pit_stop_section(selection: ui.Selection) -> None:
    stops = queries.pit_stops(selection.key, selection.session_id)
    if section("Pit stops", stops, "No pit stops recorded for this session."):
        table(tables.pit_stops_table(stops), height=320)


def race_control_section(selection: ui.Selection) -> None:
    messages = queries.race_control(selection.key, selection.session_id)
    if section("Race control", messages, "No race-control messages in this session's data."):
        table(tables.race_control_table(messages), height=320)


def results_section(selection: ui.Selection) -> None:
    results = queries.session_results(selection.key, selection.session_id)
    if results.empty:
        return
    with st.expander("Classification", expanded=not selection.has_laps):
        table(tables.race_classification_table(results))


def render() -> None:
    selection = ui.open_page("Race analysis")
    if selection is None:
        return
    if not selection.has_laps:
        results_section(selection)  # the classification is all there is: on top, open
        ui.no_laps(selection, "position chart, tyre strategy or lap-time distribution")
    else:
        positions_section(selection)
        if selection.session["session_type"] in queries.RACE_LIKE:
            leader_gap_section(selection)
        strategy_section(selection)
        pace_section(selection)
        compound_pace_section(selection)
    left, right = st.columns(2)
    with left:
        pit_stop_section(selection)
    with right:
        race_control_section(selection)
    if selection.has_laps:
        results_section(selection)  # below the charts, which paint first


ui.run_guarded(render)
