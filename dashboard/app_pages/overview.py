"""Overview: KPIs, the 50 fastest laps and team summaries of the selected session's weekend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, queries, ui
from dashboard.formatting import MISSING, gap, integer, lap_time, sector_time


def fastest_laps_table(laps: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pos": laps["rank"],
            "Driver": laps["driver_code"],
            "Name": laps["driver_full_name"].fillna(MISSING),
            "Team": laps["team_name"],
            "Lap": laps["lap_number"],
            "Compound": laps["compound"].fillna(MISSING).str.title(),
            "Tyre age": laps["tyre_life_laps"],
            "Lap time": laps["lap_time_ms"].map(lap_time),
            "Gap": (laps["lap_time_ms"] - laps["lap_time_ms"].min()).map(gap),
            "S1": laps["sector_1_ms"].map(sector_time),
            "S2": laps["sector_2_ms"].map(sector_time),
            "S3": laps["sector_3_ms"].map(sector_time),
            "Speed trap": laps["speed_st_kmh"],
        }
    )


def team_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Team": rows["team_name"],
            "Drivers": rows["drivers"],
            "Best position": rows["best_position"],
            "Points": rows["points"],
            "Best lap": rows["best_lap_ms"].map(lap_time),
            "Laps": rows["laps"],
            "Pit stops": rows["pit_stops"],
        }
    )


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
    cols[4].metric(f"Fastest lap · {fastest_driver}" if fastest_driver else "Fastest lap",
                   lap_time(fastest))  # fmt: skip
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
            st.dataframe(
                results[["finish_position", "driver_code", "driver_full_name", "team_name",
                         "grid_position", "status", "points"]],
                hide_index=True, width="stretch",
            )  # fmt: skip
        return
    laps = queries.fastest_laps(selection.key, selection.session_id, limit=50)
    if laps.empty:
        ui.no_laps(selection, "valid timed lap")
        return
    st.caption("Top 50 valid laps (timed, accurate, not deleted by race control), quickest first.")
    st.dataframe(
        fastest_laps_table(laps),
        hide_index=True,
        width="stretch",
        height=420,
        column_config={"Speed trap": st.column_config.NumberColumn(format="%.0f km/h")},
    )
    drivers = queries.session_drivers(selection.key, selection.session_id)
    st.plotly_chart(charts.fastest_lap_gaps(drivers), width="stretch")


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
            st.dataframe(team_table(rows), hide_index=True, width="stretch")


def render() -> None:
    selection = ui.open_page("Overview")
    if selection is None:
        return
    kpis(selection)
    fastest_laps_section(selection)
    team_section(selection)


ui.run_guarded(render)
