"""History figures: the drivers' champions season by season."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.charts.base import styled


def visible(colour: str) -> bool:
    """Readable on the dark theme (relative luminance above 0.2)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.2


PALETTE = tuple(
    c.upper() for c in (*px.colors.qualitative.Dark24, *px.colors.qualitative.Light24) if visible(c)
)


def team_colours(champions: pd.DataFrame) -> dict[str, str]:
    """One distinct colour per champion team (its own colour when it has one and no other team
    took it first; else the next unused palette colour), in order of their first title."""
    colours: dict[str, str] = {}
    used: set[str] = set()
    teams = champions.drop_duplicates("champion_team_name")
    for name, own in zip(teams["champion_team_name"], teams["champion_team_colour"], strict=True):
        ok = isinstance(own, str) and len(own) == 7 and own.startswith("#") and visible(own)
        colour = str(own).upper() if ok else None
        if colour is None or colour in used:
            colour = next(c for c in PALETTE if c not in used)
        colours[str(name)] = colour
        used.add(colour)
    return colours


def champions_chart(champions: pd.DataFrame) -> go.Figure:
    """One mark per season: the drivers' champion, coloured by his team that season (one
    colour and one legend entry per constructor, named as at its latest title: Red Bull
    2010-13 and Red Bull Racing 2021- are one team)."""
    data = champions.assign(champion_team_name=champions["champion_team_name"].fillna("—"))
    latest = data.dropna(subset=["champion_team_ref"]).drop_duplicates(
        "champion_team_ref", keep="last"
    )
    names = dict(zip(latest["champion_team_ref"], latest["champion_team_name"], strict=True))
    data["champion_team_name"] = (
        data["champion_team_ref"].map(names).fillna(data["champion_team_name"])
    )
    colours = team_colours(data)
    fig = px.scatter(
        data,
        x="season",
        y="driver_name",
        size="driver_wins",
        size_max=16,
        color="champion_team_name",
        color_discrete_map=colours,
        category_orders={"champion_team_name": list(colours)},
        hover_data={"driver_points": True, "driver_wins": True, "season": True},
        custom_data=["champion_team_ref"],
        labels={
            "season": "Season",
            "driver_name": "Drivers' champion",
            "champion_team_name": "Team",
            "driver_points": "Points",
            "driver_wins": "Wins",
        },
    )
    fig.update_traces(marker={"line": {"width": 0.5, "color": "#15151E"}, "sizemin": 4})
    fig.update_yaxes(categoryorder="array", categoryarray=list(dict.fromkeys(data["driver_name"])))
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top"})
    return styled(fig, height=820)
