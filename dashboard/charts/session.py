"""Session figures: positions, tyre strategy, lap-time distribution, best-lap gaps."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import driver_colours, lap_time_axis, styled, teammate_dashes
from dashboard.charts.tyres import compound_colours, compound_rank
from dashboard.formatting import lap_time


def position_chart(frame: pd.DataFrame) -> go.Figure:
    """Lap-by-lap running position, P1 at the top, one line per driver in team colours."""
    colours, dashes = driver_colours(frame), teammate_dashes(frame)
    fig = go.Figure()
    for driver, laps in frame.groupby("driver_code", sort=False):
        fig.add_trace(
            go.Scatter(
                x=laps["lap_number"],
                y=laps["running_position"],
                mode="lines",
                name=str(driver),
                line={
                    "color": colours.get(str(driver)),
                    "dash": dashes.get(str(driver)),
                    "width": 2,
                },
                hovertemplate=f"<b>{driver}</b><br>Lap %{{x}}: P%{{y}}<extra></extra>",
            )
        )
    max_position = int(frame["running_position"].max()) if not frame.empty else 20
    fig.update_yaxes(autorange=False, range=[max_position + 0.5, 0.5], dtick=1, title="Position")
    fig.update_xaxes(title="Lap")
    return styled(fig, height=560, legend="right")


def strategy_chart(frame: pd.DataFrame, season: int | None = None) -> go.Figure:
    """Tyre stints as horizontal bars, one row per driver, in the colours Pirelli gave each
    compound that season; the legend always in the same order (softest first)."""
    order = list(dict.fromkeys(frame["driver_code"]))
    colours = compound_colours(season)
    compounds = frame["compound"].fillna("UNKNOWN").str.upper()
    fig = go.Figure()
    for compound in sorted(compounds.unique(), key=compound_rank):
        stints = frame[compounds == compound]
        fig.add_trace(
            go.Bar(
                y=stints["driver_code"],
                x=stints["laps_in_stint"],
                base=stints["first_lap_number"] - 1,
                orientation="h",
                name=str(compound).title(),
                marker={
                    "color": colours.get(str(compound), "#8A8D93"),
                    "line": {"color": "#15151E", "width": 1},
                },
                customdata=stints[["stint_number", "first_lap_number", "last_lap_number"]],
                hovertemplate=(
                    "<b>%{y}</b> stint %{customdata[0]}: laps %{customdata[1]}–%{customdata[2]}"
                    f"<br>{str(compound).title()}<extra></extra>"
                ),
            )
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_xaxes(title="Lap")
    return styled(fig, height=max(320, 26 * len(order) + 120))


def lap_time_distribution(frame: pd.DataFrame) -> go.Figure:
    """Box plot of clean-lap times per driver, fastest median first (one go.Box per driver:
    plotly express took about a second to build the same figure)."""
    data = frame.assign(lap_time_s=frame["lap_time_ms"] / 1000)
    order = data.groupby("driver_code")["lap_time_s"].median().sort_values().index.tolist()
    colours = driver_colours(frame)
    by_driver = dict(tuple(data.groupby("driver_code")))
    fig = go.Figure()
    for driver in order:
        laps = by_driver[driver]
        fig.add_trace(
            go.Box(
                x=[driver] * len(laps),
                y=laps["lap_time_s"],
                name=str(driver),
                boxpoints="all",
                pointpos=0,
                jitter=0.5,
                marker={"color": colours.get(str(driver)), "size": 4},
                line={"color": colours.get(str(driver))},
                customdata=laps[["lap_number", "compound"]].fillna("—"),
                text=[lap_time(ms) for ms in laps["lap_time_ms"]],
                hovertemplate=(
                    f"<b>{driver}</b> lap %{{customdata[0]}}: %{{text}} (%{{customdata[1]}})"
                    "<extra></extra>"
                ),
            )
        )
    fig.update_layout(showlegend=False, boxmode="overlay")
    fig.update_xaxes(title="Driver", categoryorder="array", categoryarray=order)
    lap_time_axis(fig, data["lap_time_s"])
    return styled(fig)


def fastest_lap_gaps(drivers: pd.DataFrame) -> go.Figure:
    """Each driver's best valid lap as the gap to the session's best (bar per driver)."""
    best = drivers.dropna(subset=["best_lap_ms"]).sort_values("best_lap_ms")
    gaps = (best["best_lap_ms"] - best["best_lap_ms"].min()) / 1000
    colours = driver_colours(best)
    fig = go.Figure(
        go.Bar(
            x=best["driver_code"],
            y=gaps,
            marker={"color": [colours.get(d, "#E10600") for d in best["driver_code"]]},
            text=[lap_time(ms) for ms in best["best_lap_ms"]],
            hovertemplate="<b>%{x}</b> %{text}<br>+%{y:.3f} s<extra></extra>",
        )
    )
    fig.update_traces(textposition="none")
    fig.update_yaxes(title="Gap to fastest (s)")
    fig.update_xaxes(title=None, categoryorder="array", categoryarray=best["driver_code"].tolist())
    return styled(fig, height=360, title="Best lap per driver — gap to the fastest")


def qualifying_gaps(classification: pd.DataFrame, session_code: str) -> go.Figure:
    """Gap to pole of the lap that set each driver's place, in grid order."""
    rows = classification.dropna(subset=["deciding_lap_ms"])
    pole = rows["deciding_lap_ms"].iloc[0] if not rows.empty else 0
    colours = driver_colours(rows)
    fig = go.Figure(
        go.Bar(
            x=rows["driver_code"],
            y=(rows["deciding_lap_ms"] - pole) / 1000,
            marker={"color": [colours.get(d, "#E10600") for d in rows["driver_code"]]},
            text=[lap_time(ms) for ms in rows["deciding_lap_ms"]],
            textposition="none",
            hovertemplate="<b>%{x}</b> %{text}<br>+%{y:.3f} s to pole<extra></extra>",
        )
    )
    fig.update_yaxes(title="Gap to pole (s)")
    fig.update_xaxes(title=None, categoryorder="array", categoryarray=rows["driver_code"].tolist())
    prefix = "SQ" if session_code.startswith("S") else "Q"
    return styled(fig, height=360, title=f"Gap to pole — the lap that set each place ({prefix})")
