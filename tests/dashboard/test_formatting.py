"""Display formatting of times (pure functions)."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.formatting import format_ms_columns, gap, lap_time, sector_time


def test_lap_times_are_m_ss_mmm() -> None:
    assert lap_time(71383) == "1:11.383"
    assert lap_time(59999) == "0:59.999"
    assert lap_time(105149.4) == "1:45.149"
    assert lap_time(6224291) == "1:43:44.291"  # a race winner's total time
    assert lap_time(None) == "—"
    assert lap_time(math.nan) == "—"


def test_gaps_and_sectors() -> None:
    assert gap(20) == "+0.020"
    assert gap(-1234) == "-1.234"
    assert gap(0) == "—"
    assert sector_time(33165) == "33.165"
    assert sector_time(61000) == "1:01.000"


def test_ms_columns_of_copilot_answers() -> None:
    frame = pd.DataFrame(
        {
            "driver_code": ["NOR", "VER"],
            "best_qualifying_lap_ms": [71383, 71403],
            "gap_to_pole_ms": [0, 20],
        }
    )
    shown = format_ms_columns(frame)
    assert shown["best_qualifying_lap_ms"].tolist() == ["1:11.383", "1:11.403"]
    assert shown["gap_to_pole_ms"].tolist() == ["—", "+0.020"]
    assert shown["driver_code"].tolist() == ["NOR", "VER"]
