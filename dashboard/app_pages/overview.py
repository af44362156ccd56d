"""Overview: KPIs, the 50 fastest laps and team summaries of the selected session's weekend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, queries, tables, ui
from dashboard.formatting import integer, lap_time


def kpis(selection: ui.Selection) -> None:
    key, session = selection.key, selection.session
    numbers = queries.session_kpis(key, selection.session_id)
    event_sessions = selection.catalog[selection.catalog["event_id"] == selection.event_id]
    fastest = session.get("fastest_lap_ms")
    cols = st.columns(5)
    cols[0].metric("Laps", integer(numbers.get("laps")))
    cols[1].metric("Drivers", integer(numbers.get("drivers")))
    cols[2].metric("Teams", integer(numbers.get("teams")))
    cols[3].metric("Sessions this weekend", integer(len(event_sessions)))
    fastest_driver = session.get("fastest_lap_driver_code")
    cols[4].metric(
        f"Fastest lap · {fastest_driver}" if fastest_driver else "Fastest lap", lap_time(fastest)
    )
    weather = queries.weather_summary(key, selection.session_id)
    if weather:
        rain = "rain" if weather.get("had_rainfall") else "dry"
        st.caption(
            f"Weather: air {weather['air_temp_avg_c']:.1f} °C · track "
            f"{weather['track_temp_avg_c']:.1f} °C · humidity {weather['humidity_avg_pct']:.0f}% "
            f"· wind {weather['wind_speed_avg_ms']:.1f} m/s · {rain}"
        )


def fastest_laps_section(selection: ui.Selection) -> None:
    st.subheader("Fastest laps")
    if not selection.has_laps:
        ui.no_laps(selection, "fastest-lap table")
        results = queries.session_results(selection.key, selection.session_id)
        if not results.empty:
            st.markdown("**Classification**")
            st.dataframe(tables.results_table(results), hide_index=True, width="stretch")
        return
    if selection.session["session_type"] in queries.QUALIFYING_LIKE:
        classification = queries.qualifying_classification(selection.key, selection.session_id)
        if not classification.empty:
            qualifying_laps(selection, classification)
            return
    laps = queries.fastest_laps(selection.key, selection.session_id, limit=50)
    if laps.empty:
        ui.no_laps(selection, "valid timed lap")
        return
    drivers = queries.session_drivers(selection.key, selection.session_id)
    st.plotly_chart(charts.fastest_lap_gaps(drivers), width="stretch")  # the chart paints first
    st.caption("Top 50 valid laps (timed, accurate, not deleted by race control), quickest first.")
    st.dataframe(
        tables.fastest_laps_table(laps),
        hide_index=True,
        width="stretch",
        height=420,
        column_config={"Speed trap": st.column_config.NumberColumn(format="%.0f km/h")},
    )


def qualifying_laps(selection: ui.Selection, classification: pd.DataFrame) -> None:
    """Qualifying: each driver's lap that set their place, in grid order (a quicker Q1/Q2 lap
    does not outrank the pole lap), with the Q1/Q2/Q3 times and the knock-outs."""
    st.caption(
        "The qualifying classification: each driver's lap that set their place (their best in "
        "the last part they ran), the gap to the fastest in that part, and who was knocked out "
        "where."
    )
    code = str(selection.session["session_code"])
    st.plotly_chart(charts.qualifying_gaps(classification, code), width="stretch")
    st.dataframe(
        tables.qualifying_table(classification, code),
        hide_index=True,
        width="stretch",
        height=min(740, 36 * len(classification) + 40),
    )


def team_section(selection: ui.Selection) -> None:
    st.subheader("Team summaries — qualifying, sprint and race")
    summaries = queries.team_summaries(selection.key, selection.event_id)
    if summaries.empty:
        ui.empty_state(
            f"No qualifying, sprint or race results for {selection.session['event_name']} "
            f"{selection.session['season']}.",
            "Ingest them with "
            f"`make ingest SEASON={selection.session['season']} "
            f"ROUNDS={selection.session['round']} SESSIONS=Q,S,R` then `make gold`.",
        )
        return
    sessions = summaries.drop_duplicates("session_id")
    tabs = st.tabs([str(name) for name in sessions["session_name"]])
    for tab, session_id in zip(tabs, sessions["session_id"], strict=True):
        with tab:
            rows = summaries[summaries["session_id"] == session_id]
            st.dataframe(tables.team_table(rows), hide_index=True, width="stretch")


def render() -> None:
    selection = ui.open_page("Overview")
    if selection is None:
        return
    kpis(selection)
    fastest_laps_section(selection)
    team_section(selection)


ui.run_guarded(render)
