"""Race: positions lap by lap, tyre strategy, clean-lap pace, pit stops and race control."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, queries, ui
from dashboard.formatting import MISSING, lap_time, seconds, when


def results_section(selection: ui.Selection) -> None:
    results = queries.session_results(selection.key, selection.session_id)
    if results.empty:
        return
    with st.expander("Classification", expanded=not selection.has_laps):
        st.dataframe(
            pd.DataFrame(
                {
                    "Pos": results["classified_position"].fillna(MISSING),
                    "Driver": results["driver_code"],
                    "Name": results["driver_full_name"],
                    "Team": results["team_name"],
                    "Grid": results["grid_position"],
                    "Status": results["status"],
                    "Points": results["points"],
                    "Best quali lap": results["best_qualifying_lap_ms"].map(lap_time),
                }
            ),
            hide_index=True,
            width="stretch",
        )


def positions_section(selection: ui.Selection) -> None:
    st.subheader("Positions lap by lap")
    frame = queries.positions(selection.key, selection.session_id)
    if frame.empty:
        race_like = selection.catalog[
            selection.catalog["session_type"].isin(queries.RACE_LIKE)
            & selection.catalog["has_laps"]
        ]
        examples = ", ".join(
            f"{r.season} {r.event_name} {r.session_name}" for r in race_like.itertuples()
        )
        ui.empty_state(
            "Running positions exist for races and sprints only.",
            f"Pick one with lap timing in the sidebar ({examples or 'none ingested yet'}), or "
            "ingest a race with `make ingest SEASON=… ROUNDS=… SESSIONS=R` then `make gold`.",
        )
        return
    st.plotly_chart(charts.position_chart(frame), width="stretch")


def strategy_section(selection: ui.Selection) -> None:
    st.subheader("Tyre strategy")
    frame = queries.stints(selection.key, selection.session_id)
    ui.chart_or_caption(
        frame,
        "No stints recorded for this session.",
        lambda: charts.strategy_chart(frame, int(selection.session["season"])),
    )


def pace_section(selection: ui.Selection) -> None:
    st.subheader("Lap-time distribution (clean laps)")
    frame = queries.clean_laps(selection.key, selection.session_id)
    if not frame.empty:
        st.caption("Clean laps only: timed, accurate, not deleted, no pit in/out, track clear.")
    ui.chart_or_caption(
        frame,
        "No clean laps (timed, accurate, no pit, track clear) in this session.",
        lambda: charts.lap_time_distribution(frame),
    )


def pit_stop_section(selection: ui.Selection) -> None:
    st.subheader("Pit stops")
    frame = queries.pit_stops(selection.key, selection.session_id)
    if frame.empty:
        st.caption("No pit stops recorded for this session.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Lap": frame["in_lap_number"],
                "Driver": frame["driver_code"],
                "Team": frame["team_name"],
                "Stop": frame["pit_stop_number"],
                "Pit lane": frame["pit_lane_time_ms"].map(seconds),
                "Tyres in": frame["compound_before"].fillna(MISSING).str.title(),
                "Tyres out": frame["compound_after"].fillna(MISSING).str.title(),
            }
        ),
        hide_index=True,
        width="stretch",
        height=320,
    )


def race_control_section(selection: ui.Selection) -> None:
    st.subheader("Race control")
    frame = queries.race_control(selection.key, selection.session_id)
    if frame.empty:
        st.caption("No race-control messages in this session's data.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Time": frame["message_at"].map(lambda v: when(v).removesuffix(" UTC")[11:]),
                "Lap": frame["lap_number"],
                "Category": frame["category"],
                "Flag": frame["flag"].fillna(""),
                "Message": frame["message"],
            }
        ),
        hide_index=True,
        width="stretch",
        height=320,
    )


def render() -> None:
    selection = ui.open_page("Race analysis")
    if selection is None:
        return
    results_section(selection)
    if not selection.has_laps:
        ui.no_laps(selection, "position chart, tyre strategy or lap-time distribution")
    else:
        positions_section(selection)
        strategy_section(selection)
        pace_section(selection)
    left, right = st.columns(2)
    with left:
        pit_stop_section(selection)
    with right:
        race_control_section(selection)


ui.run_guarded(render)
