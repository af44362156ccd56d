"""Neutralised periods of a race (safety car, virtual safety car, red flag) as lap ranges.

Read from gold.fct_laps.track_status: Fast-F1's codes of every track status seen during a lap
('4' safety car, '6' VSC deployed, '7' VSC ending, '5' red flag). A race lap counts as the
leader's lap of that number (running_position 1), so lapped cars do not stretch a period.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

KINDS = (("Red flag", "5"), ("SC", "4"), ("VSC", "67"))  # strongest first
STYLE = {
    "SC": "rgba(255, 200, 0, 0.22)",
    "VSC": "rgba(255, 140, 0, 0.13)",
    "Red flag": "rgba(225, 6, 0, 0.22)",
}


@dataclass(frozen=True)
class Period:
    kind: str
    first_lap: int
    last_lap: int


def lap_kind(status: object) -> str | None:
    """The strongest neutralisation a lap's status string names, or None (green)."""
    if not isinstance(status, str):
        return None
    for kind, codes in KINDS:
        if any(code in status for code in codes):
            return kind
    return None


def periods(leader_laps: pd.DataFrame) -> list[Period]:
    """Consecutive laps of one kind as one period (columns lap_number, track_status)."""
    found: list[Period] = []
    rows = leader_laps.sort_values("lap_number")
    for lap, status in zip(rows["lap_number"], rows["track_status"], strict=True):
        kind = lap_kind(status)
        if kind is None:
            continue
        last = found[-1] if found else None
        if last is not None and last.kind == kind and last.last_lap == int(lap) - 1:
            found[-1] = Period(kind, last.first_lap, int(lap))
        else:
            found.append(Period(kind, int(lap), int(lap)))
    return found
