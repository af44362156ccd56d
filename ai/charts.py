"""Chart specs chosen from a result's shape: {type, x, y, color?, title}, never code.

A model's suggestion is kept only when its columns exist in the result; otherwise (and for
library answers) the shape decides: an ordinal x (lap, round) gives a line, a label plus a
number gives a bar, two numbers give a scatter, anything else a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from ai.llm import ChartHint
from ai.models import ChartSpec

NUMERIC = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
    "DECIMAL",
    "REAL",
)
ORDINAL_X = ("lap_number", "round", "tyre_life_laps", "season")
LABEL_PREFERENCE = ("driver_code", "team_name", "event_name", "driver_full_name", "compound")
KEY_COLUMNS = {"season", "round", "driver_number"}
PREFERRED_MEASURES = (
    "cumulative_points",
    "points",
    "race_points",
    "wins",
    "podiums",
    "positions_gained",
    "lap_time_ms",
    "best_lap_ms",
    "best_qualifying_lap_ms",
    "gap_to_pole_ms",
    "top_speed_kmh",
    "degradation_ms_per_lap",
    "avg_clean_lap_ms",
)
UNIT_SUFFIXES = ("_ms", "_kmh", "_c", "_pct", "_share", "_count", "_laps", "laps")
NOT_MEASURES = ("position", "_number", "sequence", "rank", "sector")


def measure_rank(column: str) -> int:
    """Lower is a better y: known metrics, then columns with units, then other numbers."""
    if column in PREFERRED_MEASURES:
        return PREFERRED_MEASURES.index(column)
    if column.endswith(UNIT_SUFFIXES):
        return 50
    if any(part in column for part in NOT_MEASURES):
        return 200
    return 100


def is_scalar(type_name: str) -> bool:
    """False for nested types (INTEGER[], INTEGER[3], STRUCT(..), MAP(..), UNION(..))."""
    upper = type_name.upper()
    return "[" not in upper and not upper.startswith(("STRUCT", "MAP", "UNION", "LIST"))


def is_numeric(type_name: str) -> bool:
    return is_scalar(type_name) and type_name.upper().startswith(NUMERIC)


def from_hint(hint: ChartHint | None, columns: list[str], title: str) -> ChartSpec | None:
    if hint is None or hint.type == "table":
        return None
    if hint.x not in columns or hint.y not in columns or hint.x == hint.y:
        return None
    color = hint.color if hint.color in columns else None
    return ChartSpec(type=hint.type, x=hint.x, y=hint.y, color=color, title=hint.title or title)


def choose_chart(
    columns: list[str],
    types: list[str],
    rows: Sequence[Sequence[object]],
    title: str,
    hint: ChartHint | None = None,
) -> ChartSpec:
    """The chart for this result; every column named in it is one of `columns`."""
    suggested = from_hint(hint, columns, title)
    if suggested is not None:
        return suggested
    table = ChartSpec(type="table", title=title)
    if len(rows) < 2 or len(columns) < 2:
        return table
    numeric = [c for c, t in zip(columns, types, strict=True) if is_numeric(t)]
    labels = [c for c, t in zip(columns, types, strict=True) if t.upper() == "VARCHAR"]
    x_ordinal = next((c for c in ORDINAL_X if c in numeric), None)
    candidates = [c for c in numeric if c not in KEY_COLUMNS and c != x_ordinal]
    measures = sorted(candidates, key=lambda c: (measure_rank(c), candidates.index(c)))
    if measures and measure_rank(measures[0]) >= 200:
        return table
    if x_ordinal and measures:
        x_index = columns.index(x_ordinal)
        repeated = len({row[x_index] for row in rows}) < len(rows)
        color = next((c for c in LABEL_PREFERENCE if c in labels), None) if repeated else None
        return ChartSpec(type="line", x=x_ordinal, y=measures[0], color=color, title=title)
    if labels and measures:
        x = next((c for c in LABEL_PREFERENCE if c in labels), labels[0])
        return ChartSpec(type="bar", x=x, y=measures[0], title=title)
    if len(measures) >= 2:
        return ChartSpec(type="scatter", x=measures[0], y=measures[1], title=title)
    return table
