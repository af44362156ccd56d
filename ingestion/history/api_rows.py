"""Jolpica (Ergast API) JSON -> bronze rows, one converter per endpoint, plus the dimension
rows (drivers, constructors, circuits, statuses) taken from the objects embedded in them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

Row = dict[str, Any]


def _int(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _float(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def parse_date(value: Any) -> dt.date | None:
    return None if not value else dt.date.fromisoformat(value)


def _clock(value: Any) -> str | None:
    return None if not value else str(value).removesuffix("Z")


def duration_ms(text: Any) -> int | None:
    """'1:28:20.227', '16:44.718' or '26.898' as milliseconds."""
    if not text or not re.fullmatch(r"[0-9:.]+", str(text)):
        return None
    seconds = 0.0
    for part in str(text).split(":"):
        seconds = seconds * 60 + float(part)
    return round(seconds * 1000)


class Dimensions:
    """Drivers, constructors, circuits and statuses seen in the responses (by reference)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Row]] = {
            "drivers": {},
            "constructors": {},
            "circuits": {},
            "status": {},
        }

    def rows(self) -> dict[str, list[Row]]:
        return {name: list(rows.values()) for name, rows in self.tables.items()}

    def driver(self, item: Row) -> str:
        ref = item["driverId"]
        self.tables["drivers"][ref] = {
            "driver_ref": ref,
            "number": _int(item.get("permanentNumber")),
            "code": item.get("code"),
            "forename": item.get("givenName"),
            "surname": item.get("familyName"),
            "dob": parse_date(item.get("dateOfBirth")),
            "nationality": item.get("nationality"),
            "url": item.get("url"),
        }
        return str(ref)

    def constructor(self, item: Row) -> str:
        ref = item["constructorId"]
        self.tables["constructors"][ref] = {
            "constructor_ref": ref,
            "name": item.get("name"),
            "nationality": item.get("nationality"),
            "url": item.get("url"),
        }
        return str(ref)

    def status(self, text: str | None) -> str | None:
        if text:
            self.tables["status"][text] = {"status": text}
        return text

    def race(self, season: int, race: Row) -> Row:
        circuit = race["Circuit"]
        location = circuit.get("Location", {})
        self.tables["circuits"][circuit["circuitId"]] = {
            "circuit_ref": circuit["circuitId"],
            "name": circuit.get("circuitName"),
            "location": location.get("locality"),
            "country": location.get("country"),
            "lat": _float(location.get("lat")),
            "lng": _float(location.get("long")),
            "url": circuit.get("url"),
        }
        row: Row = {
            "season": season,
            "round": int(race["round"]),
            "race_name": race.get("raceName"),
            "circuit_ref": circuit["circuitId"],
            "date": parse_date(race.get("date")),
            "time": _clock(race.get("time")),
            "url": race.get("url"),
        }
        sessions = {
            "fp1": "FirstPractice",
            "fp2": "SecondPractice",
            "fp3": "ThirdPractice",
            "quali": "Qualifying",
            "sprint": "Sprint",
        }
        for name, key in sessions.items():
            row[f"{name}_date"] = parse_date(race.get(key, {}).get("date"))
            row[f"{name}_time"] = _clock(race.get(key, {}).get("time"))
        return row


def _results(key: str) -> Callable[[Dimensions, Row], list[Row]]:
    def convert(dims: Dimensions, race: Row) -> list[Row]:
        rows = []
        for item in race.get(key, []):
            fastest = item.get("FastestLap", {})
            text = item.get("positionText")
            rows.append(
                {
                    "round": int(race["round"]),
                    "driver_ref": dims.driver(item["Driver"]),
                    "constructor_ref": dims.constructor(item["Constructor"]),
                    "number": _int(item.get("number")),
                    "grid": _int(item.get("grid")),
                    "position": int(text) if text and text.isdigit() else None,
                    "position_text": text,
                    "position_order": _int(item.get("position")),
                    "points": _float(item.get("points")),
                    "laps": _int(item.get("laps")),
                    "time": item.get("Time", {}).get("time"),
                    "milliseconds": _int(item.get("Time", {}).get("millis")),
                    "fastest_lap": _int(fastest.get("lap")),
                    "fastest_lap_rank": _int(fastest.get("rank")),
                    "fastest_lap_time": fastest.get("Time", {}).get("time"),
                    "fastest_lap_speed": _float(fastest.get("AverageSpeed", {}).get("speed")),
                    "status": dims.status(item.get("status")),
                }
            )
        return rows

    return convert


def _qualifying(dims: Dimensions, race: Row) -> list[Row]:
    return [
        {
            "round": int(race["round"]),
            "driver_ref": dims.driver(q["Driver"]),
            "constructor_ref": dims.constructor(q["Constructor"]),
            "number": _int(q.get("number")),
            "position": _int(q.get("position")),
            "q1": q.get("Q1"),
            "q2": q.get("Q2"),
            "q3": q.get("Q3"),
        }
        for q in race.get("QualifyingResults", [])
    ]


def _pit_stops(dims: Dimensions, race: Row) -> list[Row]:
    return [
        {
            "round": int(race["round"]),
            "driver_ref": p["driverId"],
            "stop": _int(p.get("stop")),
            "lap": _int(p.get("lap")),
            "time": p.get("time"),
            "duration": p.get("duration"),
            "milliseconds": duration_ms(p.get("duration")),
        }
        for p in race.get("PitStops", [])
    ]


def _lap_times(dims: Dimensions, race: Row) -> list[Row]:
    return [
        {
            "round": int(race["round"]),
            "driver_ref": t["driverId"],
            "lap": int(lap["number"]),
            "position": _int(t.get("position")),
            "time": t.get("time"),
            "milliseconds": duration_ms(t.get("time")),
        }
        for lap in race.get("Laps", [])
        for t in lap.get("Timings", [])
    ]


def _standings(kind: str) -> Callable[[Dimensions, Row], list[Row]]:
    def convert(dims: Dimensions, table: Row) -> list[Row]:
        rows = []
        for item in table.get(f"{kind}Standings", []):
            if kind == "Driver":
                ref = {"driver_ref": dims.driver(item["Driver"])}
                for constructor in item.get("Constructors", []):
                    dims.constructor(constructor)
            else:
                ref = {"constructor_ref": dims.constructor(item["Constructor"])}
            rows.append(
                {
                    "round": int(table["round"]),
                    **ref,
                    "points": _float(item.get("points")),
                    "position": _int(item.get("position")),
                    "position_text": item.get("positionText"),
                    "wins": _int(item.get("wins")),
                }
            )
        return rows

    return convert


def constructor_results(rnd: int, got: dict[str, list[Row]]) -> list[Row]:
    points: dict[str, float] = {}
    for row in got["results"] + got.get("sprint_results", []):
        ref = row["constructor_ref"]
        points[ref] = points.get(ref, 0.0) + (row["points"] or 0.0)
    return [
        {"round": rnd, "constructor_ref": ref, "points": total, "status": None}
        for ref, total in points.items()
    ]


TABLE_ENDPOINTS: dict[str, Callable[[Dimensions, Row], list[Row]]] = {
    "results": _results("Results"),
    "sprint_results": _results("SprintResults"),
    "qualifying": _qualifying,
    "pit_stops": _pit_stops,
    "lap_times": _lap_times,
    "driver_standings": _standings("Driver"),
    "constructor_standings": _standings("Constructor"),
    "constructor_results": lambda dims, item: [],
}
