"""Fetch one season of Ergast history through Fast-F1's own Ergast interface (Jolpica API).

Every request goes through `fastf1.ergast` and therefore through Fast-F1's HTTP cache and its
Jolpica rate limiter (4 calls/s; RateLimitExceededError at 200 uncached calls/hour, which stops
the run cleanly: the next run re-reads what was fetched from the cache and goes on). The
schedule comes from `fastf1.ergast.fetch_season` (the call Fast-F1's own Ergast schedule backend
makes), the rest from `fastf1.ergast.Ergast` in raw mode, page by page.

Per round: results, qualifying (1994-), sprint (weekends with one), pit stops (2011-), lap times
(1996-, only with --lap-times: about 12 calls a race), driver standings and constructor standings
(1958-). constructor_results is not an API endpoint: it is derived as the race plus sprint points
per constructor (what the Ergast tables hold through 2024), only for rounds with both inputs.
Dimensions come from the objects embedded in those responses (no extra calls) and the season's
row from `get_seasons`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingestion.errors import RateLimitReachedError

logger = logging.getLogger(__name__)

FIRST_QUALIFYING, FIRST_LAP_TIMES, FIRST_PIT_STOPS, FIRST_CONSTRUCTORS = 1994, 1996, 2011, 1958
Row = dict[str, Any]


@dataclass
class SeasonFetch:
    season: int
    rows: dict[str, list[Row]] = field(default_factory=dict)
    dimensions: dict[str, list[Row]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # endpoints Fast-F1 could not give
    not_run: int = 0  # races of the schedule not run yet

    @property
    def complete(self) -> bool:
        return not self.missing and self.not_run == 0


def _int(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _float(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def _date(value: Any) -> dt.date | None:
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


class ErgastFetcher:
    def __init__(self, *, lap_times: bool = False, today: dt.date | None = None) -> None:
        from fastf1 import ergast  # imported only when the online path runs

        self._module = ergast
        self.api = ergast.Ergast(result_type="raw", auto_cast=False)
        self.lap_times = lap_times
        self.today = today or dt.date.today()

    def _call(self, fetch: SeasonFetch, what: str, call: Callable[[], Any]) -> list[Any] | None:
        """All pages of one request; None (and `what` noted as missing) when Fast-F1 fails."""
        from fastf1.exceptions import ErgastError, RateLimitExceededError

        try:
            response = call()
            if isinstance(response, list) and not hasattr(response, "is_complete"):
                return list(response)  # fetch_season: one plain list
            pages = [response]
            while not pages[-1].is_complete and _has_next(pages[-1]):
                pages.append(pages[-1].get_next_result_page())
        except RateLimitExceededError as exc:
            raise RateLimitReachedError(f"Jolpica rate limit reached at {what}: {exc}") from None
        except (ErgastError, OSError, ValueError, KeyError, TypeError) as exc:
            logger.warning("history %s: %s", what, str(exc).splitlines()[0])
            fetch.missing.append(what)
            return None
        return _merge_pages(pages)

    def fetch(self, season: int) -> SeasonFetch:
        fetch = SeasonFetch(season)
        schedule = self._call(fetch, f"{season} schedule", lambda: self._module.fetch_season(season))
        seasons = self._call(fetch, f"{season} season", lambda: self.api.get_seasons(season=season))
        dims = Dimensions()
        fetch.rows = {name: [] for name in TABLE_ENDPOINTS}
        fetch.rows["races"] = [dims.race(season, race) for race in schedule or []]
        for race in schedule or []:
            if _date(race.get("date")) is None or _date(race["date"]) >= self.today:
                fetch.not_run += 1
                continue
            self._fetch_round(fetch, dims, season, int(race["round"]), "Sprint" in race)
        fetch.dimensions = dims.rows()
        fetch.dimensions["seasons"] = [{"year": season, "url": s.get("url")} for s in seasons or []]
        return fetch

    def _fetch_round(
        self, fetch: SeasonFetch, dims: Dimensions, season: int, rnd: int, sprint: bool
    ) -> None:
        api = self.api
        plan: dict[str, Callable[[], Any]] = {
            "results": lambda: api.get_race_results(season=season, round=rnd),
            "driver_standings": lambda: api.get_driver_standings(season=season, round=rnd),
        }
        if season >= FIRST_QUALIFYING:
            plan["qualifying"] = lambda: api.get_qualifying_results(season=season, round=rnd)
        if sprint:
            plan["sprint_results"] = lambda: api.get_sprint_results(season=season, round=rnd)
        if season >= FIRST_PIT_STOPS:
            plan["pit_stops"] = lambda: api.get_pit_stops(season=season, round=rnd)
        if self.lap_times and season >= FIRST_LAP_TIMES:
            plan["lap_times"] = lambda: api.get_lap_times(season=season, round=rnd)
        if season >= FIRST_CONSTRUCTORS:
            plan["constructor_standings"] = lambda: api.get_constructor_standings(
                season=season, round=rnd
            )
        got: dict[str, list[Row]] = {}
        for table, call in plan.items():
            items = self._call(fetch, f"{season}/{rnd} {table}", call)
            if items is not None:
                got[table] = [row for item in items for row in TABLE_ENDPOINTS[table](dims, item)]
                fetch.rows[table].extend(
                    {"season": season, **{k: None if v == "" else v for k, v in row.items()}}
                    for row in got[table]
                )  # Jolpica sends "" for an empty Q1-Q3; Ergast's dumps write NULL
        if "results" in got and (not sprint or "sprint_results" in got):
            fetch.rows["constructor_results"].extend(
                {"season": season, **row} for row in constructor_results(rnd, got)
            )


def _has_next(page: Any) -> bool:
    headers = page._response_headers  # the page's own counts (Fast-F1 keeps them there)
    return int(headers.get("offset", 0)) + int(headers.get("limit", 0)) < int(headers["total"])


def _merge_pages(pages: list[Any]) -> list[Any]:
    """Pages of a race endpoint split one race's list across pages: join them by round."""
    merged: list[Any] = []
    for page in pages:
        for item in page:
            if merged and isinstance(item, dict) and item.get("round") == merged[-1].get("round"):
                for key, value in item.items():
                    if isinstance(value, list) and key in merged[-1]:
                        merged[-1][key] = merged[-1][key] + value
            else:
                merged.append(item)
    return merged


class Dimensions:
    """Drivers, constructors, circuits and statuses seen in the responses (by reference)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Row]] = {
            "drivers": {}, "constructors": {}, "circuits": {}, "status": {},
        }  # fmt: skip

    def rows(self) -> dict[str, list[Row]]:
        return {name: list(rows.values()) for name, rows in self.tables.items()}

    def driver(self, item: Row) -> str:
        ref = item["driverId"]
        self.tables["drivers"][ref] = {
            "driver_ref": ref, "number": _int(item.get("permanentNumber")),
            "code": item.get("code"), "forename": item.get("givenName"),
            "surname": item.get("familyName"), "dob": _date(item.get("dateOfBirth")),
            "nationality": item.get("nationality"), "url": item.get("url"),
        }  # fmt: skip
        return str(ref)

    def constructor(self, item: Row) -> str:
        ref = item["constructorId"]
        self.tables["constructors"][ref] = {
            "constructor_ref": ref, "name": item.get("name"),
            "nationality": item.get("nationality"), "url": item.get("url"),
        }  # fmt: skip
        return str(ref)

    def status(self, text: str | None) -> str | None:
        if text:
            self.tables["status"][text] = {"status": text}
        return text

    def race(self, season: int, race: Row) -> Row:
        circuit = race["Circuit"]
        location = circuit.get("Location", {})
        self.tables["circuits"][circuit["circuitId"]] = {
            "circuit_ref": circuit["circuitId"], "name": circuit.get("circuitName"),
            "location": location.get("locality"), "country": location.get("country"),
            "lat": _float(location.get("lat")), "lng": _float(location.get("long")),
            "url": circuit.get("url"),
        }  # fmt: skip
        row: Row = {
            "season": season, "round": int(race["round"]), "race_name": race.get("raceName"),
            "circuit_ref": circuit["circuitId"], "date": _date(race.get("date")),
            "time": _clock(race.get("time")), "url": race.get("url"),
        }  # fmt: skip
        sessions = {"fp1": "FirstPractice", "fp2": "SecondPractice", "fp3": "ThirdPractice",
                    "quali": "Qualifying", "sprint": "Sprint"}  # fmt: skip
        for name, key in sessions.items():
            row[f"{name}_date"] = _date(race.get(key, {}).get("date"))
            row[f"{name}_time"] = _clock(race.get(key, {}).get("time"))
        return row


def _results(key: str) -> Callable[[Dimensions, Row], list[Row]]:
    def convert(dims: Dimensions, race: Row) -> list[Row]:
        rows = []
        for item in race.get(key, []):
            fastest = item.get("FastestLap", {})
            text = item.get("positionText")
            rows.append({
                "round": int(race["round"]), "driver_ref": dims.driver(item["Driver"]),
                "constructor_ref": dims.constructor(item["Constructor"]),
                "number": _int(item.get("number")), "grid": _int(item.get("grid")),
                "position": int(text) if text and text.isdigit() else None,
                "position_text": text, "position_order": _int(item.get("position")),
                "points": _float(item.get("points")), "laps": _int(item.get("laps")),
                "time": item.get("Time", {}).get("time"),
                "milliseconds": _int(item.get("Time", {}).get("millis")),
                "fastest_lap": _int(fastest.get("lap")), "fastest_lap_rank": _int(fastest.get("rank")),
                "fastest_lap_time": fastest.get("Time", {}).get("time"),
                "fastest_lap_speed": _float(fastest.get("AverageSpeed", {}).get("speed")),
                "status": dims.status(item.get("status")),
            })  # fmt: skip
        return rows

    return convert


def _qualifying(dims: Dimensions, race: Row) -> list[Row]:
    return [
        {
            "round": int(race["round"]), "driver_ref": dims.driver(q["Driver"]),
            "constructor_ref": dims.constructor(q["Constructor"]), "number": _int(q.get("number")),
            "position": _int(q.get("position")), "q1": q.get("Q1"), "q2": q.get("Q2"),
            "q3": q.get("Q3"),
        }  # fmt: skip
        for q in race.get("QualifyingResults", [])
    ]


def _pit_stops(dims: Dimensions, race: Row) -> list[Row]:
    return [
        {
            "round": int(race["round"]), "driver_ref": p["driverId"], "stop": _int(p.get("stop")),
            "lap": _int(p.get("lap")), "time": p.get("time"), "duration": p.get("duration"),
            "milliseconds": duration_ms(p.get("duration")),
        }  # fmt: skip
        for p in race.get("PitStops", [])
    ]


def _lap_times(dims: Dimensions, race: Row) -> list[Row]:
    return [
        {
            "round": int(race["round"]), "driver_ref": t["driverId"], "lap": int(lap["number"]),
            "position": _int(t.get("position")), "time": t.get("time"),
            "milliseconds": duration_ms(t.get("time")),
        }  # fmt: skip
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
            rows.append({
                "round": int(table["round"]), **ref, "points": _float(item.get("points")),
                "position": _int(item.get("position")), "position_text": item.get("positionText"),
                "wins": _int(item.get("wins")),
            })  # fmt: skip
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
