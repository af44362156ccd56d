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


def champions() -> pd.DataFrame:
    """Per season from the dump alone: whether every scheduled race has results (complete),
    the drivers' champion (P1 in the standings after the last race with results) and the
    constructor he scored most points with that season."""
    races, results = csv("races"), csv("results")
    standings, drivers = csv("driver_standings"), csv("drivers")
    with_results = races[races["raceId"].isin(results["raceId"])]
    last = with_results.sort_values("round").groupby("year").tail(1)
    leader = standings[(standings["position"] == 1) & standings["raceId"].isin(last["raceId"])]
    leader = leader.merge(last[["raceId", "year"]], on="raceId")
    leader = leader.merge(drivers[["driverId", "driverRef", "forename", "surname"]], on="driverId")
    points = results.merge(races[["raceId", "year"]], on="raceId")
    points = points.merge(leader[["year", "driverId"]], on=["year", "driverId"])
    totals = points.groupby(["year", "constructorId"], as_index=False).agg(
        points=("points", "sum"), races=("raceId", "count")
    )
    team = totals.sort_values(["points", "races"], ascending=False).drop_duplicates("year")
    team = team.merge(csv("constructors")[["constructorId", "constructorRef"]], on="constructorId")
    scheduled = races.groupby("year")["raceId"].count()
    run = with_results.groupby("year")["raceId"].count()
    frame = leader.merge(team[["year", "constructorRef"]], on="year")
    frame["complete"] = frame["year"].map(lambda y: bool(run.get(y, 0) == scheduled[y]))
    return frame.rename(columns={"year": "season"}).sort_values("season").reset_index(drop=True)
