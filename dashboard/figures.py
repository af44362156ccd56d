"""Figures built once per warehouse build and session, then shared (st.cache_resource).

Building a plotly figure validates every trace: 0.15-0.6 s for each of the Race page's charts on
2 cores, paid on every rerun. Data come from the cached queries; st.plotly_chart serialises a copy
of the figure, so a cached figure is never changed. The warehouse key is part of the cache key,
so a rebuilt warehouse gets new figures."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, gaps, queries, track_status
from dashboard.charts import history as history_charts


def periods(key: queries.WarehouseKey, session_id: str) -> list[track_status.Period]:
    """The race's SC / VSC / red-flag laps (shaded on every lap chart)."""
    return track_status.periods(queries.leader_track_status(key, session_id))


@st.cache_resource(ttl=queries.CACHE_TTL_S, max_entries=256, show_spinner=False)
def race_chart(
    kind: str, key: queries.WarehouseKey, session_id: str, season: int, option: str = ""
) -> go.Figure:
    """One of the Race page's charts: positions, leader (option: gap_s / interval_s),
    strategy, distribution, compound_pace."""
    if kind == "positions":
        figure = charts.position_chart(queries.positions(key, session_id))
        return charts.shade_periods(figure, periods(key, session_id))
    if kind == "leader":
        ends = queries.lap_end_times(key, session_id)
        order = {code: i for i, code in enumerate(dict.fromkeys(ends["driver_code"]))}
        frame = gaps.leader_gaps(ends)  # lines in classification order (the legend's)
        frame = frame.assign(order=frame["driver_code"].map(order))
        frame = frame.sort_values(["order", "lap_number"], kind="stable")
        return charts.leader_gap_chart(frame, option, periods(key, session_id))
    if kind == "strategy":
        figure = charts.strategy_chart(queries.stints(key, session_id), season)
        return charts.shade_periods(figure, periods(key, session_id), above=True)
    if kind == "distribution":
        return charts.lap_time_distribution(queries.clean_laps(key, session_id))
    if kind == "compound_pace":
        return charts.compound_pace_chart(queries.compound_pace(key, session_id), season)
    raise ValueError(kind)


@st.cache_resource(ttl=queries.CACHE_TTL_S, max_entries=8, show_spinner=False)
def champions_chart(key: queries.WarehouseKey) -> go.Figure:
    """The History page's champions since 1950 (complete seasons)."""
    champions = queries.season_champions(key)
    return history_charts.champions_chart(champions[champions["is_complete"]])
