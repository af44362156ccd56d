"""Display formatting: lap times as m:ss.mmm, gaps as +s.mmm, labels for filters."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import pandas as pd

MISSING = "—"


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def lap_time(ms: Any) -> str:
    """61234 -> '1:01.234'; missing -> '—'."""
    if is_missing(ms):
        return MISSING
    total = round(float(ms))
    hours, rest = divmod(abs(total), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    sign = "-" if total < 0 else ""
    if hours:  # race times: 6224291 -> '1:43:44.291'
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
    return f"{sign}{minutes}:{seconds:02d}.{millis:03d}"


def sector_time(ms: Any) -> str:
    """Sector times under a minute as seconds: 33165 -> '33.165' (else m:ss.mmm)."""
    if is_missing(ms):
        return MISSING
    if abs(float(ms)) < 60_000:
        return f"{float(ms) / 1000:.3f}"
    return lap_time(ms)


def gap(ms: Any) -> str:
    """1234 -> '+1.234'; 0 -> '—' (the reference itself); missing -> '—'."""
    if is_missing(ms):
        return MISSING
    value = round(float(ms))
    if value == 0:
        return MISSING
    sign = "+" if value > 0 else "-"
    return f"{sign}{abs(value) / 1000:.3f}"


def seconds(ms: Any, digits: int = 3) -> str:
    """Pit-lane and similar durations: 23456 -> '23.456 s'."""
    if is_missing(ms):
        return MISSING
    return f"{float(ms) / 1000:.{digits}f} s"


def integer(value: Any) -> str:
    if is_missing(value):
        return MISSING
    return f"{int(value):,}"


def when(value: Any) -> str:
    """A UTC timestamp as '2024-06-22 14:00 UTC'."""
    if is_missing(value):
        return MISSING
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


def format_ms_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where every `*_ms` column is shown as m:ss.mmm (gap columns as +s.mmm)."""
    shown = frame.copy()
    for column in shown.columns:
        name = str(column)
        if not name.endswith("_ms"):
            continue
        if not pd.api.types.is_numeric_dtype(shown[column]):
            continue
        formatter = gap if "gap" in name or "delta" in name else lap_time
        shown[column] = shown[column].map(formatter)
    return shown


def title_case_column(name: str) -> str:
    """'best_lap_ms' -> 'Best lap'; used for copilot answer headers."""
    words = name.removesuffix("_ms").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
