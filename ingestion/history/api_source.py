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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingestion.errors import RateLimitReachedError
from ingestion.history.api_rows import (
    TABLE_ENDPOINTS,
    Dimensions,
    Row,
    constructor_results,
    parse_date,
)

logger = logging.getLogger(__name__)

FIRST_QUALIFYING, FIRST_LAP_TIMES, FIRST_PIT_STOPS, FIRST_CONSTRUCTORS = 1994, 1996, 2011, 1958


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
        schedule = self._call(
            fetch, f"{season} schedule", lambda: self._module.fetch_season(season)
        )
        seasons = self._call(fetch, f"{season} season", lambda: self.api.get_seasons(season=season))
        dims = Dimensions()
        fetch.rows = {name: [] for name in TABLE_ENDPOINTS}
        fetch.rows["races"] = [dims.race(season, race) for race in schedule or []]
        for race in schedule or []:
            race_day = parse_date(race.get("date"))
            if race_day is None or race_day >= self.today:
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
