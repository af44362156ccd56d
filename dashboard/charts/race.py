"""Race figures: gap to the leader / intervals lap by lap, neutralised periods shaded on lap
charts, stint pace by tyre age per compound."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import driver_colours, lap_time_axis, styled, teammate_dashes
from dashboard.charts.tyres import compound_colours, compound_rank
from dashboard.formatting import lap_time
from dashboard.track_status import STYLE, Period

GAP_MODES = {"gap_s": "Gap to the leader", "interval_s": "Interval to the car ahead"}


def shade_periods(
    fig: go.Figure, periods: Sequence[Period], *, above: bool = False, **where: int
) -> go.Figure:
    """Safety car, VSC and red-flag laps as shaded bands (lap N spans N-0.5 to N+0.5), each
    named in its top corner; `above` draws them over bars that would hide them; `where` places
    them on one subplot (row=, col=)."""
    for period in periods:
        fig.add_vrect(
            x0=period.first_lap - 0.5,
            x1=period.last_lap + 0.5,
            fillcolor=STYLE[period.kind],
            line_width=0,
            layer="above" if above else "below",
            name=period.kind,
            annotation_text=period.kind,
            annotation_position="top left",
            annotation_font={"size": 11, "color": "#8A8D93"},
            **where,
        )
    return fig


def leader_gap_chart(gaps: pd.DataFrame, column: str, periods: Sequence[Period]) -> go.Figure:
    """One line per driver (classification order, team colours) of `gap_s` or `interval_s`,
    seconds down the y axis so the leader runs along the top."""
    colours, dashes = driver_colours(gaps), teammate_dashes(gaps)
    fig = go.Figure()
    label = GAP_MODES[column]
    for driver, laps in gaps.groupby("driver_code", sort=False):
        fig.add_trace(
            go.Scatter(
                x=laps["lap_number"],
                y=laps[column],
                mode="lines",
                name=str(driver),
                line={"color": colours.get(str(driver)), "dash": dashes.get(str(driver))},
                hovertemplate=f"<b>{driver}</b> after lap %{{x}}: +%{{y:.3f}} s<extra></extra>",
            )
        )
    shade_periods(fig, periods)
    fig.update_yaxes(title=f"{label} (s)", autorange="reversed", rangemode="tozero")
    fig.update_xaxes(title="Lap")
    return styled(fig, height=520, legend="right")


def compound_pace_chart(laps: pd.DataFrame, season: int | None) -> go.Figure:
    """Clean-lap time against tyre age, one colour per compound (that season's colours), with
    each compound's median per tyre age as a line."""
    colours = compound_colours(season)
    compounds = laps["compound"].fillna("UNKNOWN").str.upper()
    fig = go.Figure()
    for compound in sorted(compounds.unique(), key=compound_rank):
        rows = laps[compounds == compound]
        colour = colours.get(str(compound), "#8A8D93")
        fig.add_trace(
            go.Scatter(
                x=rows["tyre_life_laps"],
                y=rows["lap_time_ms"] / 1000,
                mode="markers",
                name=str(compound).title(),
                legendgroup=str(compound),
                marker={
                    "color": colour,
                    "size": 6,
                    "opacity": 0.55,
                    "line": {"color": "#15151E", "width": 0.5},
                },
                text=[
                    f"{d} lap {n}: {lap_time(ms)}"
                    for d, n, ms in zip(
                        rows["driver_code"], rows["lap_number"], rows["lap_time_ms"], strict=True
                    )
                ],
                hovertemplate="%{text}<br>tyre age %{x}<extra></extra>",
            )
        )
        median = rows.groupby("tyre_life_laps")["lap_time_ms"].median() / 1000
        fig.add_trace(
            go.Scatter(
                x=median.index,
                y=median.to_numpy(),
                mode="lines",
                name=f"{str(compound).title()} median",
                legendgroup=str(compound),
                showlegend=False,
                line={"color": colour, "width": 3},
                hoverinfo="skip",
            )
        )
    lap_time_axis(fig, laps["lap_time_ms"] / 1000)
    fig.update_xaxes(title="Tyre age (laps)")
    return styled(fig, height=440)
