"""Compare figures: two drivers' lap times, their gap, telemetry of their fastest laps."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.base import styled
from dashboard.formatting import lap_time


def compare_lap_times(frame: pd.DataFrame, colours: Mapping[str, str]) -> go.Figure:
    """Two (or more) drivers' lap times over the session."""
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
                text=[lap_time(ms) for ms in timed["lap_time_ms"]],
                customdata=timed["compound"].fillna("—"),
                hovertemplate=f"<b>{driver}</b> lap %{{x}}: %{{text}} (%{{customdata}})"
                "<extra></extra>",
            )
        )
    fig.update_yaxes(title="Lap time (s)")
    fig.update_xaxes(title="Lap")
    return styled(fig)


def gap_chart(
    frame: pd.DataFrame, first: str, second: str, *, cumulative: bool = True
) -> go.Figure:
    """Per-lap delta (and, for races, the cumulative gap) of `first` to `second`."""
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
                name="Cumulative gap",
                mode="lines",
                line={"color": "#F5A623", "width": 3},
                hovertemplate="After lap %{x}: %{y:+.3f} s<extra></extra>",
            )
        )
    fig.add_hline(y=0, line={"color": "#8A8D93", "width": 1})
    fig.update_yaxes(title=f"{first} − {second} (s) · below 0 = {first} faster")
    fig.update_xaxes(title="Lap")
    return styled(fig, height=380)


def telemetry_trace(frame: pd.DataFrame, colours: Mapping[str, str]) -> go.Figure:
    """Speed, throttle and brake of each driver's fastest lap against distance into the lap."""
    rows = (("speed_kmh", "Speed (km/h)"), ("throttle_pct", "Throttle (%)"), ("brake", "Brake"))
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.04,
                        row_heights=[0.55, 0.25, 0.2])  # fmt: skip
    for driver, trace in frame.groupby("driver_code", sort=False):
        first = trace.iloc[0]
        lap = f"{driver} lap {int(first['lap_number'])} ({lap_time(first['lap_time_ms'])})"
        values = trace.assign(brake=trace["is_braking"].astype(float))
        for row, (column, title) in enumerate(rows, start=1):
            fig.add_trace(
                go.Scatter(
                    x=values["lap_distance_m"], y=values[column], mode="lines", name=lap,
                    legendgroup=str(driver), showlegend=row == 1,
                    line={"color": colours.get(str(driver)), "width": 1.5},
                    hovertemplate=f"<b>{driver}</b> %{{x:.0f}} m: %{{y:.0f}}<extra></extra>",
                ),
                row=row, col=1,
            )  # fmt: skip
            fig.update_yaxes(title=title, row=row, col=1)
    fig.update_xaxes(title="Distance into the lap (m)", row=3, col=1)
    return styled(fig, height=560)
