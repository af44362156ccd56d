"""Race: positions lap by lap, tyre strategy, clean-lap pace, pit stops and race control."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, figures, queries, ui
from dashboard.charts.tyres import compound_rank
from dashboard.formatting import MISSING, lap_time, seconds, when


def chart(selection: ui.Selection, kind: str, option: str = "") -> None:
    """A Race chart, built once per warehouse build and session (dashboard.figures)."""
    season = int(selection.session["season"])
    figure = figures.race_chart(kind, selection.key, selection.session_id, season, option)
    st.plotly_chart(figure, width="stretch")


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
    chart(selection, "positions")


def leader_gap_section(selection: ui.Selection) -> None:
    st.subheader("Gap to the leader")
    ends = queries.lap_end_times(selection.key, selection.session_id)
    if ends.empty:
        st.caption("No lap-end times recorded for this session.")
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
    st.subheader("Tyre strategy")
    if queries.stints(selection.key, selection.session_id).empty:
        st.caption("No stints recorded for this session.")
        return
    chart(selection, "strategy")


def compound_pace_section(selection: ui.Selection) -> None:
    st.subheader("Stint pace by compound")
    laps = queries.compound_pace(selection.key, selection.session_id)
    if laps.empty:
        st.caption("No clean laps with a known tyre age in this session.")
        return
    chart(selection, "compound_pace")
    stints = queries.stint_summary(selection.key, selection.session_id)
    table = compound_table(stints)
    if not table.empty:
        st.caption(
            "Degradation: the slope of fuel-corrected clean-lap time against tyre age per stint "
            "(gold.fct_stints; races and sprints, 5+ clean laps), median over the compound's "
            "stints."
        )
        st.dataframe(table, hide_index=True, width="stretch")


def compound_table(stints: pd.DataFrame) -> pd.DataFrame:
    """Per compound: stints, laps, average clean lap, median degradation (ms per lap)."""
    if stints.empty:
        return pd.DataFrame()
    rows = stints.assign(compound=stints["compound"].fillna("UNKNOWN").str.upper())
    grouped = rows.groupby("compound", sort=False)
    table = pd.DataFrame(
        {
            "stints": grouped.size(),
            "laps": grouped["laps_in_stint"].sum(),
            "pace": grouped["avg_clean_lap_ms"].mean(),
            "deg": grouped["degradation_ms_per_lap"].median(),
        }
    )
    table = table.loc[sorted(table.index, key=compound_rank)]
    return pd.DataFrame(
        {
            "Compound": [str(c).title() for c in table.index],
            "Stints": table["stints"].to_numpy(),
            "Laps": table["laps"].to_numpy(),
            "Average clean lap": table["pace"].map(lap_time).to_numpy(),
            "Degradation (s/lap)": table["deg"]
            .map(lambda v: MISSING if pd.isna(v) else f"{v / 1000:+.3f}")
            .to_numpy(),
        }
    )


def pace_section(selection: ui.Selection) -> None:
    st.subheader("Lap-time distribution (clean laps)")
    frame = queries.clean_laps(selection.key, selection.session_id)
    if not frame.empty:
        st.caption("Clean laps only: timed, accurate, not deleted, no pit in/out, track clear.")
    if frame.empty:
        st.caption("No clean laps (timed, accurate, no pit, track clear) in this session.")
        return
    chart(selection, "distribution")


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


ui.run_guarded(render)
