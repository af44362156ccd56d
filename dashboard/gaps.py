"""Gaps between two drivers (pure pandas; the Compare page draws them).

Races and sprints: the gap after each lap is the difference of the two drivers' lap-end session
times (when each crossed the line), so a lap without a lap time (first lap, a lap behind the
safety car with no timing) still counts. Qualifying: each driver's best time per part.
"""

from __future__ import annotations

import pandas as pd

PART_COLUMNS = ("q1_ms", "q2_ms", "q3_ms")


def race_gap_frame(laps: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Per lap both drivers completed: `cumulative_gap_s` (first minus second at the line,
    below 0 = first ahead) and `delta_s` (the change over that lap)."""
    ends = laps.dropna(subset=["lap_end_session_time_ms"])
    by_driver = {
        code: ends[ends["driver_code"] == code].set_index("lap_number")["lap_end_session_time_ms"]
        for code in (first, second)
    }
    both = pd.concat({"a": by_driver[first], "b": by_driver[second]}, axis=1, join="inner")
    both = both.sort_index()
    both["cumulative_gap_s"] = (both["a"] - both["b"]).astype(float) / 1000
    both["delta_s"] = both["cumulative_gap_s"].diff()
    if not both.empty:  # lap 1: both left the grid at the same moment
        both.loc[both.index[0], "delta_s"] = both["cumulative_gap_s"].iloc[0]
    return both.rename_axis("lap_number").reset_index()


def part_label(session_code: str, part: int) -> str:
    """'Q1' for qualifying, 'SQ1' for sprint qualifying / shootout."""
    return f"{'SQ' if str(session_code).startswith('S') else 'Q'}{part}"


def qualifying_parts(
    classification: pd.DataFrame, drivers: tuple[str, ...], session_code: str
) -> pd.DataFrame:
    """Long frame: driver_code, part (Q1…), lap_time_ms — each driver's best time per part."""
    rows = classification[classification["driver_code"].isin(drivers)]
    long = rows.melt(
        id_vars=["driver_code"],
        value_vars=list(PART_COLUMNS),
        var_name="part",
        value_name="lap_time_ms",
    ).dropna(subset=["lap_time_ms"])
    labels = {column: part_label(session_code, i) for i, column in enumerate(PART_COLUMNS, 1)}
    long["part"] = long["part"].map(labels)
    long["driver_order"] = long["driver_code"].map({code: i for i, code in enumerate(drivers)})
    long = long.sort_values(["part", "driver_order"]).drop(columns="driver_order")
    return long.reset_index(drop=True)


def qualifying_gap_frame(parts: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Per part both drivers set a time: `delta_s` = first's best minus second's best."""
    wide = parts.pivot(index="part", columns="driver_code", values="lap_time_ms")
    if first not in wide.columns or second not in wide.columns:
        return pd.DataFrame(columns=["part", "delta_s"])
    both = wide[[first, second]].dropna()
    return pd.DataFrame(
        {"part": both.index, "delta_s": (both[first] - both[second]).astype(float) / 1000}
    ).reset_index(drop=True)


def leader_gaps(ends: pd.DataFrame) -> pd.DataFrame:
    """Per driver per lap: `gap_s` behind the car that completed that lap first (the leader on
    the road at that lap) and `interval_s` behind the car just ahead on that lap, both from
    lap-end session times (columns driver_code, lap_number, lap_end_session_time_ms)."""
    frame = ends.dropna(subset=["lap_end_session_time_ms"]).copy()
    frame = frame.sort_values(["lap_number", "lap_end_session_time_ms"])
    times = frame.groupby("lap_number")["lap_end_session_time_ms"]
    behind = frame["lap_end_session_time_ms"] - times.transform("min")
    frame["gap_s"] = behind.astype(float) / 1000
    frame["interval_s"] = times.diff().fillna(0).astype(float) / 1000
    return frame.reset_index(drop=True)
