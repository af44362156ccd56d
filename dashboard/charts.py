"""Plotly figures of the dashboard (pure functions of DataFrames; no Streamlit, no SQL)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.formatting import lap_time, title_case_column

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
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top"})
    return styled(fig, height=560)


def strategy_chart(frame: pd.DataFrame) -> go.Figure:
    """Tyre stints as horizontal bars coloured by compound, one row per driver."""
    order = list(dict.fromkeys(frame["driver_code"]))
    fig = go.Figure()
    for compound, stints in frame.groupby(frame["compound"].fillna("UNKNOWN"), sort=False):
        fig.add_trace(
            go.Bar(
                y=stints["driver_code"],
                x=stints["laps_in_stint"],
                base=stints["first_lap_number"] - 1,
                orientation="h",
                name=str(compound).title(),
                marker={
                    "color": COMPOUND_COLOURS.get(str(compound), "#8A8D93"),
                    "line": {"color": "#15151E", "width": 1},
                },
                customdata=stints[["stint_number", "first_lap_number", "last_lap_number"]],
                hovertemplate=(
                    "<b>%{y}</b> stint %{customdata[0]}: laps %{customdata[1]}–%{customdata[2]}"
                    f"<br>{str(compound).title()}<extra></extra>"
                ),
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_xaxes(title="Lap")
    return styled(fig, height=max(320, 26 * len(order) + 120))


def lap_time_distribution(frame: pd.DataFrame) -> go.Figure:
    """Box plot of clean-lap times per driver, fastest median first."""
    data = frame.assign(lap_time_s=frame["lap_time_ms"] / 1000)
    order = data.groupby("driver_code")["lap_time_s"].median().sort_values().index.tolist()
    fig = px.box(
        data,
        x="driver_code",
        y="lap_time_s",
        color="driver_code",
        points="all",
        category_orders={"driver_code": order},
        color_discrete_map=driver_colours(frame),
        hover_data={"lap_number": True, "compound": True, "driver_code": False},
        labels={"driver_code": "Driver", "lap_time_s": "Lap time (s)", "lap_number": "Lap"},
    )
    fig.update_layout(showlegend=False)
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


def spec_chart(
    spec: Mapping[str, Any] | None, frame: pd.DataFrame, *, with_title: bool = True
) -> go.Figure | None:
    """A figure from the copilot's chart spec {type, x, y, color?, title}; None for tables or
    specs whose columns are not in the rows (the answer table is shown either way)."""
    if not spec or frame.empty:
        return None
    kind = spec.get("type")
    x, y, color = spec.get("x"), spec.get("y"), spec.get("color")
    if kind not in SPEC_TYPES or kind == "table":
        return None
    if x not in frame.columns or y not in frame.columns:
        return None
    if color not in frame.columns:
        color = None
    data = frame.copy()
    is_time = str(y).endswith("_ms") and pd.api.types.is_numeric_dtype(data[y])
    if is_time:
        data[y] = data[y] / 1000
    labels = {str(c): title_case_column(str(c)) + (" (s)" if c == y and is_time else "")
              for c in data.columns}  # fmt: skip
    title = str(spec.get("title") or "") if with_title else ""
    if kind == "bar":
        fig = px.bar(data, x=x, y=y, color=color, labels=labels)
    elif kind == "line":
        fig = px.line(data, x=x, y=y, color=color, markers=True, labels=labels)
    else:
        fig = px.scatter(data, x=x, y=y, color=color, labels=labels)
    if kind == "bar" and is_time and data[y].min() > 0:
        low, high = float(data[y].min()), float(data[y].max())
        fig.update_yaxes(range=[low - max(high - low, 0.5) * 0.5, high + (high - low) * 0.05])
    return styled(fig, height=400, title=title or None)
