"""The copilot's chart spec as a plotly figure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.charts.base import SPEC_TYPES, lap_time_axis, styled
from dashboard.charts.session import strategy_chart
from dashboard.charts.tyres import COLOURS_2018, COLOURS_FROM_2019, compound_colours, compound_rank
from dashboard.formatting import title_case_column

STINT_COLUMNS = {"driver_code", "compound", "first_lap_number", "laps_in_stint", "stint_number"}
ONLY_2018 = set(COLOURS_2018) - set(COLOURS_FROM_2019)


def compound_season(compounds: pd.Series) -> int | None:
    """2018 when a compound only 2018 named (hypersoft … superhard) is present: its soft was
    yellow; otherwise the 2019+ colours (soft red, medium yellow, hard white)."""
    names = set(compounds.dropna().astype(str).str.upper())
    return 2018 if names & ONLY_2018 else None


def spec_chart(
    spec: Mapping[str, Any] | None, frame: pd.DataFrame, *, with_title: bool = True
) -> go.Figure | None:
    """A figure from the copilot's chart spec {type, x, y, color?, title}; None for tables or
    specs whose columns are not in the rows (the answer table is shown either way)."""
    if not spec or frame.empty:
        return None
    if set(frame.columns) >= STINT_COLUMNS:  # stints: the Race page's strategy chart
        return strategy_chart(frame, compound_season(frame["compound"]))
    kind = spec.get("type")
    x, y, color = spec.get("x"), spec.get("y"), spec.get("color")
    if kind not in SPEC_TYPES or kind == "table":
        return None
    if x not in frame.columns or y not in frame.columns:
        return None
    if color not in frame.columns:
        color = "compound" if "compound" in frame.columns else None
    data = frame.copy()
    tyres: dict[str, Any] = {}
    if color is not None and "compound" in str(color):
        data[color] = data[color].fillna("UNKNOWN").str.upper()
        palette = compound_colours(compound_season(data[color]))
        tyres = {
            "color_discrete_map": palette,
            "category_orders": {color: sorted(data[color].unique(), key=compound_rank)},
        }
    is_time = str(y).endswith("_ms") and pd.api.types.is_numeric_dtype(data[y])
    if is_time:
        data[y] = data[y] / 1000
    labels = {
        str(c): title_case_column(str(c)) + (" (s)" if c == y and is_time else "")
        for c in data.columns
    }
    title = str(spec.get("title") or "") if with_title else ""
    if kind == "bar":
        fig = px.bar(data, x=x, y=y, color=color, labels=labels, **tyres)
    elif kind == "line":
        fig = px.line(data, x=x, y=y, color=color, markers=True, labels=labels, **tyres)
    else:
        fig = px.scatter(data, x=x, y=y, color=color, labels=labels, **tyres)
    is_lap_time = is_time and not any(w in str(y) for w in ("gap", "delta", "margin"))
    if is_lap_time and data[y].min() > 0:  # lap times on an m:ss.mmm axis
        pad = 0.5 if kind == "bar" else 0.04
        lap_time_axis(fig, data[y], title=title_case_column(str(y)), pad=pad)
    elif kind == "bar" and is_time and data[y].min() > 0:
        low, high = float(data[y].min()), float(data[y].max())
        fig.update_yaxes(range=[low - max(high - low, 0.5) * 0.5, high + (high - low) * 0.05])
    return styled(fig, height=400, title=title or None)
