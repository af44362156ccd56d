"""Expected values read straight from the real Ergast CSV dump (never from the warehouse)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.conftest import require_ergast_dump


def csv(name: str, dump: Path | None = None) -> pd.DataFrame:
    return pd.read_csv((dump or require_ergast_dump()) / f"{name}.csv", na_values=["\\N"])


def lap_text_ms(text: object) -> float:
    """'1:29.179' -> 89179.0; missing or empty -> NaN."""
    if not isinstance(text, str) or ":" not in text:
        return float("nan")
    minutes, seconds = text.split(":")
    return round((int(minutes) * 60 + float(seconds)) * 1000)


def race_id(season: int, round_number: int) -> int:
    races = csv("races")
    match = races[(races["year"] == season) & (races["round"] == round_number)]
    return int(match["raceId"].iloc[0])


def qualifying(season: int, round_number: int) -> pd.DataFrame:
    """Ergast's qualifying classification: position, code, q1_ms, q2_ms, q3_ms."""
    rows = csv("qualifying")
    rows = rows[rows["raceId"] == race_id(season, round_number)]
    rows = rows.merge(csv("drivers")[["driverId", "code"]], on="driverId")
    frame = pd.DataFrame({"position": rows["position"], "code": rows["code"]})
    for part in ("q1", "q2", "q3"):
        frame[f"{part}_ms"] = rows[part].map(lap_text_ms)
    return frame.sort_values("position").reset_index(drop=True)
