"""Fast-F1 as the second reference: the catalog's sessions, loaded by Fast-F1 itself (the
`fastf1_full` fixture, or `fastf1_loader` for the dev script), as plain rows keyed like gold.

Fast-F1 fills DriverId/TeamId (Ergast's refs) only where it had Ergast's answer; elsewhere they
are '' / 'nan': the ref then comes from the same driver code (team name) in another Fast-F1
session of the season, else from the CSVs' entries of that season (drivers.code)."""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from tests.conftest import CATALOG_CODES, real_catalog, require_shared_cache
from tests.transform.truth.support import csv

Loader = Callable[..., Any]
QUALI_NAMES = ("Qualifying", "Sprint Shootout", "Sprint Qualifying")


def fastf1_loader(folder: Path) -> Loader:
    """The `fastf1_full` fixture's loader outside pytest: `folder` gets a copy of `full/`."""
    import fastf1

    from ingestion.loader import use_fastf1_cache

    cache_dir = folder / "cache"
    if not cache_dir.exists():
        shutil.copytree(require_shared_cache("full"), cache_dir)
    fastf1.set_log_level("ERROR")
    loaded: dict[tuple[Any, ...], Any] = {}

    def load(entry: dict[str, Any], *, laps: bool) -> Any:
        key = (entry["year"], entry["round"], entry["session"], laps)
        if key not in loaded:
            use_fastf1_cache(cache_dir, offline=True)
            session = fastf1.get_session(entry["year"], entry["round"], entry["session"])
            session.load(laps=laps, telemetry=False, weather=False, messages=laps)
            loaded[key] = session
        return loaded[key]

    return load


def entries(*names: str) -> list[dict[str, Any]]:
    """Catalog sessions (optionally of the given Fast-F1 session names), with `code`."""
    chosen = [e for e in real_catalog() if not names or e["session"] in names]
    for entry in chosen:
        entry["code"] = CATALOG_CODES[entry["session"]]
    return sorted(chosen, key=lambda e: (e["year"], e["round"], e["code"]))


def session(load: Loader, entry: dict[str, Any], *, laps: bool = False) -> Any:
    return load(entry, laps=bool(laps and entry["laps"]))


def blank(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or str(value)
        in (
            "",
            "nan",
            "NaT",
            "None",
            "<NA>",
        )
    )


def number(value: Any) -> int | None:
    return None if blank(value) else int(float(value))


def ms(value: Any) -> int | None:
    return None if blank(value) else round(value.total_seconds() * 1000)


@cache
def _csv_codes() -> dict[tuple[int, str], str]:
    rows = csv(
        "select distinct r.year, d.code, d.driverRef from results x join races r using (raceId) "
        "join drivers d using (driverId) where d.code is not null"
    )
    return {(season, code): ref for season, code, ref in rows}


RefMaps = tuple[dict[tuple[int, str], str], dict[tuple[int, str], str]]
_REF_MAPS: dict[int, RefMaps] = {}


def ref_maps(load: Loader) -> RefMaps:
    """(season, driver code) -> driver_ref and (season, team name) -> constructor_ref."""
    if id(load) in _REF_MAPS:
        return _REF_MAPS[id(load)]
    drivers: dict[tuple[int, str], str] = dict(_csv_codes())
    teams: dict[tuple[int, str], str] = {}
    for entry in entries():
        results = session(load, entry).results
        for code, driver, name, team in zip(
            results["Abbreviation"],
            results["DriverId"],
            results["TeamName"],
            results["TeamId"],
            strict=True,
        ):
            if not blank(driver):
                drivers[(entry["year"], str(code))] = str(driver)
            if not blank(team):
                teams[(entry["year"], str(name))] = str(team)
    _REF_MAPS[id(load)] = (drivers, teams)
    return drivers, teams


def result_rows(load: Loader, entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Fast-F1's results of one session as dicts with driver_ref and constructor_ref, loaded as
    the ingestion loads them (with laps: Fast-F1 then fills positions and Q1/Q2/Q3 from timing
    where its Ergast layer has none)."""
    drivers, teams = ref_maps(load)
    season = entry["year"]
    rows = []
    for row in session(load, entry, laps=True).results.to_dict("records"):
        row["driver_ref"] = drivers.get((season, str(row["Abbreviation"])))
        row["constructor_ref"] = teams.get((season, str(row["TeamName"])))
        rows.append(row)
    return rows


def schedules(load: Loader) -> dict[tuple[int, int], dict[str, Any]]:
    """(season, round) -> Fast-F1's event schedule row, for every season in the catalog."""
    import fastf1

    out: dict[tuple[int, int], dict[str, Any]] = {}
    for season in sorted({e["year"] for e in entries()}):
        session(load, next(e for e in entries() if e["year"] == season))  # points at the copy
        for row in fastf1.get_event_schedule(season, include_testing=False).to_dict("records"):
            out[(season, int(row["RoundNumber"]))] = row
    return out


def csv_less_results(load: Loader) -> set[tuple[int, str]]:
    """(season, driver_ref) and (season, constructor_ref) of Fast-F1 race/sprint sessions the
    CSVs have no results for."""
    have = {
        tuple(r) for r in csv("select distinct year, round from results join races using (raceId)")
    }
    out: set[tuple[int, str]] = set()
    for entry in entries("Race", "Sprint"):
        if (entry["year"], entry["round"]) not in have and entry["results"]:
            for row in result_rows(load, entry):
                out |= {
                    (entry["year"], str(row["driver_ref"])),
                    (entry["year"], str(row["constructor_ref"])),
                }
    return out
