"""Compare figures: two drivers' lap times, their gap, telemetry of their fastest laps."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.base import lap_time_axis, styled
from dashboard.formatting import lap_time


def compare_lap_times(frame: pd.DataFrame, colours: Mapping[str, str]) -> go.Figure:
    """Two (or more) drivers' lap times over the session. The scale is set by the
    representative laps (gold's is_clean_lap: no pit in/out, no SC/VSC/red flag); slower laps
    (pit stops, safety car) are drawn as open markers and may run off the top."""
    fig = go.Figure()
    for driver, laps in frame.groupby("driver_code", sort=False):
        timed = laps.dropna(subset=["lap_time_ms"])
        fig.add_trace(
            go.Scatter(
                x=timed["lap_number"],
                y=timed["lap_time_ms"] / 1000,
                mode="lines+markers",
                name=str(driver),
                line={"color": colours.get(str(driver))},
                marker={
                    "symbol": [
                        "circle" if clean else "circle-open"
                        for clean in timed["is_clean_lap"].fillna(False)
                    ]
                },
                text=[lap_time(ms) for ms in timed["lap_time_ms"]],
                customdata=timed["compound"].fillna("—"),
                hovertemplate=f"<b>{driver}</b> lap %{{x}}: %{{text}} (%{{customdata}})"
                "<extra></extra>",
            )
        )
    timed = frame.dropna(subset=["lap_time_ms"])
    clean = timed[timed["is_clean_lap"].fillna(False).astype(bool)]
    lap_time_axis(fig, (clean if not clean.empty else timed)["lap_time_ms"] / 1000)
    fig.update_xaxes(title="Lap")
    return styled(fig)


def gap_chart(
    frame: pd.DataFrame, first: str, second: str, *, cumulative: bool = True
) -> go.Figure:
    """Per-lap delta and, for races, the gap at the line after each lap (`cumulative_gap_s`)."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=frame["lap_number"],
            y=frame["delta_s"],
            name="Lap delta",
            marker={"color": ["#00D2BE" if v < 0 else "#E10600" for v in frame["delta_s"]]},
            hovertemplate="Lap %{x}: %{y:+.3f} s<extra></extra>",
        )
    )
    if cumulative:
        fig.add_trace(
            go.Scatter(
                x=frame["lap_number"],
                y=frame["cumulative_gap_s"],
                name="Gap at the line",
                mode="lines",
                line={"color": "#F5A623", "width": 3},
                hovertemplate="After lap %{x}: %{y:+.3f} s<extra></extra>",
            )
        )
    fig.add_hline(y=0, line={"color": "#8A8D93", "width": 1})
    fig.update_yaxes(title=f"{first} − {second} (s) · below 0 = {first} ahead")
    fig.update_xaxes(title="Lap")
    return styled(fig, height=380)


def qualifying_parts_chart(parts: pd.DataFrame, colours: Mapping[str, str]) -> go.Figure:
    """Each driver's best lap in each qualifying part (Q1, Q2, Q3), one marker per part."""
    fig = go.Figure()
    for driver, rows in parts.groupby("driver_code", sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["part"],
                y=rows["lap_time_ms"] / 1000,
                mode="lines+markers+text",
                name=str(driver),
                line={"color": colours.get(str(driver)), "width": 2},
                marker={"size": 11},
                text=[lap_time(ms) for ms in rows["lap_time_ms"]],
                textposition="top center",
                hovertemplate=f"<b>{driver}</b> %{{x}} best: %{{text}}<extra></extra>",
            )
        )
    lap_time_axis(fig, parts["lap_time_ms"] / 1000, title="Best lap", pad=0.25)
    fig.update_xaxes(title=None, type="category", categoryorder="category ascending")
    return styled(fig)


def qualifying_gap_chart(frame: pd.DataFrame, first: str, second: str) -> go.Figure:
    """first's best minus second's best in each part both drivers ran."""
    fig = go.Figure(
        go.Bar(
            x=frame["part"],
            y=frame["delta_s"],
            name="Best-lap gap",
            marker={"color": ["#00D2BE" if v < 0 else "#E10600" for v in frame["delta_s"]]},
            text=[f"{v:+.3f}" for v in frame["delta_s"]],
            textposition="outside",
            hovertemplate="%{x}: %{y:+.3f} s<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": "#8A8D93", "width": 1})
    fig.update_yaxes(title=f"{first} − {second} best lap (s) · below 0 = {first} faster")
    fig.update_xaxes(title=None, type="category")
    return styled(fig, height=340)


def telemetry_trace(frame: pd.DataFrame, colours: Mapping[str, str]) -> go.Figure:
    """Speed, throttle and brake of each driver's fastest lap against distance into the lap."""
    rows = (("speed_kmh", "Speed (km/h)"), ("throttle_pct", "Throttle (%)"), ("brake", "Brake"))
    fig = make_subplots(
        rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.04, row_heights=[0.55, 0.25, 0.2]
    )
    for driver, trace in frame.groupby("driver_code", sort=False):
        first = trace.iloc[0]
        lap = f"{driver} lap {int(first['lap_number'])} ({lap_time(first['lap_time_ms'])})"
        values = trace.assign(brake=trace["is_braking"].astype(float))
        for row, (column, title) in enumerate(rows, start=1):
            fig.add_trace(
                go.Scatter(
                    x=values["lap_distance_m"],
                    y=values[column],
                    mode="lines",
                    name=lap,
                    legendgroup=str(driver),
                    showlegend=row == 1,
                    line={"color": colours.get(str(driver)), "width": 1.5},
                    hovertemplate=f"<b>{driver}</b> %{{x:.0f}} m: %{{y:.0f}}<extra></extra>",
                ),
                row=row,
                col=1,
            )
            fig.update_yaxes(title=title, row=row, col=1)
    fig.update_xaxes(title="Distance into the lap (m)", row=3, col=1)
    return styled(fig, height=560)
