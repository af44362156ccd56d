"""Plotly figures of the dashboard (pure functions of DataFrames; no Streamlit, no SQL)."""

from dashboard.charts.base import (
    CHART_HEIGHT,
    COMPOUND_COLOURS,
    FALLBACK_COLOURS,
    driver_colours,
    styled,
    teammate_dashes,
)
from dashboard.charts.compare import (
    compare_lap_times,
    gap_chart,
    qualifying_gap_chart,
    qualifying_parts_chart,
    telemetry_trace,
)
from dashboard.charts.race import (
    GAP_MODES,
    compound_pace_chart,
    leader_gap_chart,
    shade_periods,
)
from dashboard.charts.session import (
    fastest_lap_gaps,
    lap_time_distribution,
    position_chart,
    qualifying_gaps,
    strategy_chart,
)
from dashboard.charts.spec import spec_chart

__all__ = [
    "CHART_HEIGHT",
    "COMPOUND_COLOURS",
    "FALLBACK_COLOURS",
    "GAP_MODES",
    "compare_lap_times",
    "compound_pace_chart",
    "driver_colours",
    "fastest_lap_gaps",
    "gap_chart",
    "lap_time_distribution",
    "leader_gap_chart",
    "position_chart",
    "qualifying_gap_chart",
    "qualifying_gaps",
    "qualifying_parts_chart",
    "shade_periods",
    "spec_chart",
    "strategy_chart",
    "styled",
    "teammate_dashes",
    "telemetry_trace",
]
