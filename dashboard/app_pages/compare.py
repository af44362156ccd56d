"""Compare: two drivers' lap times over a session, their gap, and telemetry when ingested."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import charts, gaps, queries, track_status, ui
from dashboard.formatting import MISSING, gap, integer, is_missing, lap_time, sector_time

SECTOR_ROWS = (
    ("Sector 1", "best_s1_ms"),
    ("Sector 2", "best_s2_ms"),
    ("Sector 3", "best_s3_ms"),
    ("Ideal lap (best sectors)", "ideal_ms"),
)
SPEED_ROWS = (
    ("Speed trap", "top_st_kmh"),
    ("Intermediate 1", "top_i1_kmh"),
    ("Intermediate 2", "top_i2_kmh"),
    ("Finish line", "top_fl_kmh"),
)


def head_to_head(drivers: pd.DataFrame, first: str, second: str) -> None:
    rows = drivers.set_index("driver_code")
    a, b = rows.loc[first], rows.loc[second]
    cols = st.columns(4)
    for col, code, row in ((cols[0], first, a), (cols[1], second, b)):
        rank = f"P{integer(row['best_lap_rank'])} of the session's best laps"
        col.metric(f"{code} best lap", lap_time(row["best_lap_ms"]), help=rank)
    cols[2].metric(
        "Best-lap gap",
        gap(a["best_lap_ms"] - b["best_lap_ms"]),
        help=f"{first} minus {second}; negative = {first} faster",
    )
    cols[3].metric(
        "Clean-lap average gap",
        gap(a["avg_clean_lap_ms"] - b["avg_clean_lap_ms"]),
        help="Mean of clean laps (timed, accurate, no pit, track clear)",
    )


def speed(value: Any) -> str:
    return MISSING if is_missing(value) else f"{float(value):.0f} km/h"


def speed_delta(a: Any, b: Any) -> str:
    return MISSING if is_missing(a) or is_missing(b) else f"{float(a) - float(b):+.0f} km/h"


def sectors_section(selection: ui.Selection, drivers: tuple[str, str]) -> None:
    """Best sector times, the ideal lap and top speeds at the speed traps, side by side."""
    first, second = drivers
    st.subheader("Sectors and speed traps")
    frame = queries.sector_bests(selection.key, selection.session_id, drivers)
    if frame.empty:
        st.caption("No sector times for these drivers in this session.")
        return
    rows = frame.set_index("driver_code")
    rows["ideal_ms"] = rows[["best_s1_ms", "best_s2_ms", "best_s3_ms"]].sum(axis=1, min_count=3)
    if first not in rows.index or second not in rows.index:
        st.caption("One of the drivers has no sector times in this session.")
        return
    a, b = rows.loc[first], rows.loc[second]
    table = [
        {
            "": label,
            first: (lap_time if column == "ideal_ms" else sector_time)(a[column]),
            second: (lap_time if column == "ideal_ms" else sector_time)(b[column]),
            f"{first} − {second}": gap(a[column] - b[column]),
        }
        for label, column in SECTOR_ROWS
    ]
    table += [
        {
            "": label,
            first: speed(a[column]),
            second: speed(b[column]),
            f"{first} − {second}": speed_delta(a[column], b[column]),
        }
        for label, column in SPEED_ROWS
    ]
    st.caption(
        "Best sector of each driver over the session (deleted laps left out) and the top "
        f"speed at each trap; negative time = {first} quicker."
    )
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")


def telemetry_section(
    selection: ui.Selection, drivers: tuple[str, str], colours: dict[str, str]
) -> None:
    st.subheader("Telemetry — fastest laps")
    frame = queries.fastest_lap_telemetry(selection.key, selection.session_id, drivers)
    if frame.empty:
        ui.empty_state(
            "No car telemetry for this session.",
            "Speed, throttle and brake traces need telemetry: ingest the session with "
            "`make ingest INGEST_FLAGS=--telemetry` (Fast-F1 car_data) then `make gold`. "
            "The replayed real cache carries lap timing only.",
        )
        return
    st.plotly_chart(charts.telemetry_trace(frame, colours), width="stretch")


def qualifying_section(
    selection: ui.Selection, drivers: tuple[str, str], colours: dict[str, str]
) -> None:
    """Qualifying: each driver's best lap per part (out-laps and cool-down laps are not laps
    run side by side, so equal lap numbers are never compared)."""
    first, second = drivers
    classification = queries.qualifying_classification(selection.key, selection.session_id)
    parts = gaps.qualifying_parts(classification, drivers, str(selection.session["session_code"]))
    st.subheader("Best lap per part")
    if parts.empty:
        st.caption("No Q1/Q2/Q3 times for these drivers in this session's classification.")
        return
    st.plotly_chart(charts.qualifying_parts_chart(parts, colours), width="stretch")
    st.subheader("Gap per part")
    part_gaps = gaps.qualifying_gap_frame(parts, first, second)
    if part_gaps.empty:
        st.caption(f"{first} and {second} never set a time in the same part.")
        return
    st.plotly_chart(charts.qualifying_gap_chart(part_gaps, first, second), width="stretch")


def laps_section(
    selection: ui.Selection, laps: pd.DataFrame, drivers: tuple[str, str], colours: dict[str, str]
) -> None:
    first, second = drivers
    race_like = selection.session["session_type"] in queries.RACE_LIKE
    periods = (
        track_status.periods(queries.leader_track_status(selection.key, selection.session_id))
        if race_like
        else []
    )
    st.subheader("Lap times")
    lap_chart = charts.shade_periods(charts.compare_lap_times(laps, colours), periods)
    st.plotly_chart(lap_chart, width="stretch")
    if not race_like:
        st.caption(
            "In practice the cars do not run side by side: compare the best laps and the "
            "clean-lap averages above; no lap-by-lap gap is drawn."
        )
        return
    st.subheader("Gap")
    race_gaps = gaps.race_gap_frame(laps, first, second)
    if race_gaps.empty:
        st.caption("The two drivers have no lap both completed.")
        return
    st.caption(
        "The gap at the line after each lap, from the session time at which each driver "
        "completed it (laps without a lap time count too)."
    )
    gap_figure = charts.shade_periods(charts.gap_chart(race_gaps, first, second), periods)
    st.plotly_chart(gap_figure, width="stretch")


def render() -> None:
    selection = ui.open_page("Driver comparison")
    if selection is None:
        return
    if not selection.has_laps:
        ui.no_laps(selection, "lap-by-lap comparison")
        return
    drivers = queries.session_drivers(selection.key, selection.session_id)
    codes = drivers["driver_code"].tolist()
    if len(codes) < 2:
        ui.no_laps(selection, "second driver to compare")
        return
    names = drivers["driver_full_name"].fillna(drivers["team_name"]).astype(str)
    labels = {code: f"{code} · {name}" for code, name in zip(codes, names, strict=True)}
    keys = (f"compare_a_{selection.session_id}", f"compare_b_{selection.session_id}")
    ui.choose(keys[0], codes, codes[0])
    ui.choose(keys[1], codes, codes[1])
    left, right = st.columns(2)
    first = left.selectbox("Driver A", codes, key=keys[0], format_func=labels.__getitem__)
    second = right.selectbox("Driver B", codes, key=keys[1], format_func=labels.__getitem__)
    if first == second:
        st.warning("Pick two different drivers.")
        return
    head_to_head(drivers, first, second)
    laps = queries.driver_laps(selection.key, selection.session_id, (first, second))
    colours = charts.driver_colours(drivers)
    if colours.get(first) == colours.get(second):
        colours[second] = "#8A8D93"
    session_type = selection.session["session_type"]
    if session_type in queries.QUALIFYING_LIKE:
        qualifying_section(selection, (first, second), colours)
    else:
        laps_section(selection, laps, (first, second), colours)
    sectors_section(selection, (first, second))
    telemetry_section(selection, (first, second), colours)


ui.run_guarded(render)
