"""Compare: two drivers' lap times over a session, their gap, and telemetry when ingested."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, queries, ui
from dashboard.formatting import gap, integer, lap_time


def gap_frame(laps: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Laps both drivers timed, with the per-lap delta and the cumulative gap in seconds."""
    timed = laps.dropna(subset=["lap_time_ms"])
    a = timed[timed["driver_code"] == first].set_index("lap_number")["lap_time_ms"]
    b = timed[timed["driver_code"] == second].set_index("lap_number")["lap_time_ms"]
    both = pd.concat({"a": a, "b": b}, axis=1, join="inner").sort_index()
    both["delta_s"] = (both["a"] - both["b"]) / 1000
    both["cumulative_gap_s"] = both["delta_s"].cumsum()
    return both.reset_index()


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
    st.subheader("Lap times")
    st.plotly_chart(charts.compare_lap_times(laps, colours), width="stretch")
    race_like = selection.session["session_type"] in queries.RACE_LIKE
    st.subheader("Gap")
    gaps = gap_frame(laps, first, second)
    if gaps.empty:
        st.caption("The two drivers have no lap number both timed.")
    else:
        if not race_like:
            st.caption(
                "Outside races and sprints, laps are not run side by side: the bars compare "
                "equal lap numbers, and no cumulative gap is drawn."
            )
        st.plotly_chart(
            charts.gap_chart(gaps, first, second, cumulative=race_like), width="stretch"
        )
    telemetry_section(selection, (first, second), colours)


ui.run_guarded(render)
