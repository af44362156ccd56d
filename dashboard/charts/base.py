"""Shared chart plumbing: layout, team and tyre colours, lap-time axes."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

COMPOUND_COLOURS = {
    "SOFT": "#DA291C",
    "MEDIUM": "#FFD12E",
    "HARD": "#F0F0EC",
    "INTERMEDIATE": "#43B02A",
    "WET": "#0067AD",
    "HYPERSOFT": "#FFB3C3",
    "ULTRASOFT": "#B138DD",
    "SUPERSOFT": "#E8002D",
    "SUPERHARD": "#FD4B00",
    "TEST_UNKNOWN": "#434649",
    "UNKNOWN": "#8A8D93",
}
FALLBACK_COLOURS = px.colors.qualitative.Plotly
CHART_HEIGHT = 440
SPEC_TYPES = ("bar", "line", "scatter", "table")


def styled(fig: go.Figure, *, height: int = CHART_HEIGHT, title: str | None = None) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="closest",
    )
    if title:
        fig.update_layout(title={"text": title, "x": 0})
    return fig


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
