"""Shared chart plumbing: layout, team and tyre colours, lap-time axes."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.charts.tyres import compound_colours
from dashboard.formatting import lap_time

COMPOUND_COLOURS = compound_colours(None)
FALLBACK_COLOURS = px.colors.qualitative.Plotly
CHART_HEIGHT = 440
SPEC_TYPES = ("bar", "line", "scatter", "table")


def styled(
    fig: go.Figure, *, height: int = CHART_HEIGHT, title: str | None = None, legend: str = "top"
) -> go.Figure:
    """The dashboard's layout. Legends sit above the plot, or on the right (`legend="right"`,
    and always when there is a title, so a title never overlaps a legend)."""
    right = legend == "right" or bool(title)
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend=(
            {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"}
            if right
            else {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}
        ),
        hovermode="closest",
    )
    if title:
        fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"})
    return fig


TICK_STEPS_S = (0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60)


def lap_time_axis(
    fig: go.Figure, seconds: pd.Series, *, title: str = "Lap time", pad: float = 0.04, **where: int
) -> go.Figure:
    """A y axis of lap times in seconds labelled m:ss.mmm, its range set by `seconds` (the
    representative laps); other points may fall outside it."""
    values = pd.to_numeric(seconds, errors="coerce").dropna()
    if values.empty:
        return fig.update_yaxes(title=title, **where)
    low, high = float(values.min()), float(values.max())
    span = max(high - low, 0.5)
    low, high = low - span * pad, high + span * pad
    step = next((s for s in TICK_STEPS_S if (high - low) / s <= 8), 60.0)
    first = (int(low / step) + 1) * step
    ticks = [round(first + i * step, 3) for i in range(int((high - first) / step) + 1)]
    return fig.update_yaxes(
        title=title,
        range=[low, high],
        tickmode="array",
        tickvals=ticks,
        ticktext=[lap_time(t * 1000) for t in ticks],
        **where,
    )


def driver_colours(frame: pd.DataFrame) -> dict[str, str]:
    """driver_code -> team colour ('#RRGGBB'), with a palette colour when a team has none."""
    colours: dict[str, str] = {}
    if "team_colour_hex" not in frame.columns:
        return colours
    pairs = frame[["driver_code", "team_colour_hex"]].drop_duplicates("driver_code")
    for index, (driver, colour) in enumerate(pairs.itertuples(index=False)):
        ok = isinstance(colour, str) and colour.startswith("#")
        colours[str(driver)] = colour if ok else FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)]
    return colours


def teammate_dashes(frame: pd.DataFrame) -> dict[str, str]:
    """The second driver of a team gets a dashed line (team-mates share a colour)."""
    dashes: dict[str, str] = {}
    seen: dict[str, int] = {}
    for driver, team in frame[["driver_code", "team_name"]].drop_duplicates().itertuples(False):
        count = seen.get(str(team), 0)
        dashes[str(driver)] = "solid" if count == 0 else "dash"
        seen[str(team)] = count + 1
    return dashes
