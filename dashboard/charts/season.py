"""Season figures: the championship fight round by round."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import FALLBACK_COLOURS, styled


def championship_chart(standings: pd.DataFrame, name: str, code: str) -> go.Figure:
    """Points after each round, one line per driver or team (rows already in the latest
    standings' order, which is the legend's); team-mates share a colour, the second dashed."""
    fig = go.Figure()
    seen: dict[str, int] = {}
    for index, (entry, rows) in enumerate(standings.groupby(code, sort=False)):
        colour = rows["team_colour_hex"].dropna()
        team = str(rows["team_name"].iloc[-1]) if "team_name" in rows else str(entry)
        count = seen.get(team, 0)
        seen[team] = count + 1
        fig.add_trace(
            go.Scatter(
                x=rows["round"],
                y=rows["points"],
                mode="lines+markers",
                name=str(rows[name].iloc[-1]),
                line={
                    "color": colour.iloc[-1]
                    if not colour.empty
                    else FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)],
                    "dash": "solid" if count == 0 else "dash",
                },
                marker={"size": 5},
                customdata=rows[["event_name", "position"]].fillna(""),
                hovertemplate=(
                    f"<b>{rows[name].iloc[-1]}</b><br>After round %{{x}} (%{{customdata[0]}}):"
                    " %{y:g} pts, P%{customdata[1]}<extra></extra>"
                ),
            )
        )
    fig.update_xaxes(title="Round", dtick=1)
    fig.update_yaxes(title="Points", rangemode="tozero")
    return styled(fig, height=480, legend="right")
