"""Truth: the conformed dimensions. Every driver, constructor, circuit and race of the CSVs is
present with its Ergast id and names; dim_seasons' rounds scheduled / run and is_complete;
dim_teams' one name per (season, constructor_ref): Fast-F1's entrant name where Fast-F1 has the
season (any of the names Fast-F1 itself uses that season), else the CSVs' constructor name.

Named explanations, each proven on Fast-F1: a driver/constructor/event/season only Fast-F1 has
(after the CSVs end); a last_season beyond the CSVs because of Fast-F1-only races; an event's
country spelled as Fast-F1's schedule spells it; the sprint format of a 2025 round not yet run
in the CSVs (races.csv has no sprint dates for 2025) taken from Fast-F1's schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.transform.truth.fastf1_support import (
    Loader,
    csv_less_results,
    entries,
    result_rows,
    schedules,
)
from tests.transform.truth.support import Report, Row, compare, csv, gold, keyed

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

ONLY_FASTF1 = "only Fast-F1 has it (after the CSVs end)"
LATER = "last_season extended by Fast-F1-only races"
SEASONS = (
    "select x.{id}, min(r.year), max(r.year) from ({entries}) x "
    "join races r using (raceId) group by 1"
)
ENTRIES = (
    "select raceId, driverId, constructorId from results union all "
    "select raceId, driverId, constructorId from sprint_results"
)


def _fastf1_refs(load: Loader) -> set[str]:
    """driver_ref / constructor_ref of every Fast-F1 session's results (practice included)."""
    refs: set[str] = set()
    for entry in entries():
        if entry["results"]:
            for row in result_rows(load, entry):
                refs |= {str(row["driver_ref"]), str(row["constructor_ref"])}
                if row["driver_ref"] is None:  # no Ergast id anywhere: keyed by the surname
                    refs.add(str(row["LastName"]).lower())
    return refs


def _later(extra: set[tuple[int, str]], fastf1: set[str] | None = None) -> Any:
    def explain(key: Any, want: Row | None, have: Row | None) -> str | None:
        seasons = {season for season, ref in extra if ref == key[0]}
        if want is None and have is not None and (seasons or key[0] in (fastf1 or set())):
            return ONLY_FASTF1
        if want and have and want[:-1] == have[:-1] and have[-1] == max(seasons, default=None):
            return LATER
        return None

    return explain


def check_dim_drivers(warehouse: Path, load: Loader) -> Report:
    expected = keyed(
        csv(
            f"select driverRef, driverId, code, number, forename, surname, "
            # trim: drivers.csv gives one nationality with a stray space ('Argentinian ')
            f"forename || ' ' || surname, trim(nationality), dob, s.first, s.last from drivers "
            f"left join ({SEASONS.format(id='driverId', entries=ENTRIES)}) "
            f"s(driverId, first, last) "
            f"using (driverId)"
        ),
        1,
    )
    got = keyed(
        gold(
            warehouse,
            "select driver_ref, driver_id, driver_code, try_cast(permanent_number as bigint), "
            "first_name, last_name, driver_full_name, nationality, "
            "try_cast(date_of_birth as date), first_season, last_season from gold.dim_drivers",
        ),
        1,
    )
    explain = _later(csv_less_results(load), _fastf1_refs(load))
    return compare(Report("dim_drivers (drivers.csv)"), expected, got, explain)


def check_dim_constructors(warehouse: Path, load: Loader) -> Report:
    expected = keyed(
        csv(
            f"select constructorRef, constructorId, name, nationality, s.first, s.last "
            f"from constructors left join ({SEASONS.format(id='constructorId', entries=ENTRIES)}) "
            f"s(constructorId, first, last) using (constructorId)"
        ),
        1,
    )
    got = keyed(
        gold(
            warehouse,
            "select constructor_ref, constructor_id, constructor_name, nationality, first_season, "
            "last_season from gold.dim_constructors",
        ),
        1,
    )
    return compare(
        Report("dim_constructors (constructors.csv)"), expected, got, _later(csv_less_results(load))
    )


# One country spelling across sources (the conformed marts use Fast-F1's names): the CSV's
# abbreviations, as the expected side writes them.
COUNTRY = (
    "case {c} when 'UK' then 'United Kingdom' when 'USA' then 'United States' "
    "when 'UAE' then 'United Arab Emirates' when 'Korea' then 'South Korea' else {c} end"
)


def check_dim_circuits(warehouse: Path) -> Report:
    expected = keyed(
        csv(
            "select circuitRef, circuitId, name, location, "
            f"{COUNTRY.format(c='country')}, lat, lng from circuits"
        ),
        1,
    )
    got = keyed(
        gold(
            warehouse,
            "select circuit_ref, circuit_id, circuit_name, locality, "
            "country, latitude, longitude from gold.dim_circuits",
        ),
        1,
    )
    return compare(Report("dim_circuits (circuits.csv)"), expected, got)


def check_dim_events(warehouse: Path, load: Loader) -> Report:
    schedule = schedules(load)
    expected = keyed(
        csv(
            "select printf('%04d-%02d', year, round), raceId, year, round, r.name, c.circuitRef, "
            f"{COUNTRY.format(c='c.country')}, r.date, r.sprint_date is not null or raceId in "
            "(select raceId from sprint_results) from races r join circuits c using (circuitId)"
        ),
        1,
    )
    run = {r[0] for r in csv("select distinct raceId from results")}
    got = keyed(
        gold(
            warehouse,
            "select event_id, race_id, season, round, event_name, circuit_ref, country, "
            "try_cast(event_date as date), is_sprint_weekend from gold.dim_events",
        ),
        1,
    )

    def explain(key: Any, want: Row | None, have: Row | None) -> str | None:
        if have is None:
            return None
        event = schedule.get((have[1], have[2]))
        if want is None:
            return ONLY_FASTF1 if event is not None else None
        if event is None:
            return None
        fixed = list(want)
        fixed[5] = have[5] if have[5] == event["Country"] else want[5]
        if want[0] not in run and want[1] == 2025:
            fixed[7] = "sprint" in str(event["EventFormat"])
        if tuple(fixed) == have:
            return "country as Fast-F1 spells it / sprint format from Fast-F1's schedule"
        return None

    return compare(Report("dim_events (races.csv)"), expected, got, explain)


def check_dim_seasons(warehouse: Path, load: Loader) -> Report:
    expected = keyed(
        csv(
            "select year, count(*), count(*) filter (where raceId in (select raceId from results)),"
            " count(*) = count(*) filter (where raceId in (select raceId from results)) "
            "from races group by year"
        ),
        1,
    )
    got = keyed(
        gold(
            warehouse,
            "select season, rounds_scheduled, rounds_run, is_complete from gold.dim_seasons",
        ),
        1,
    )
    fastf1_seasons = {e["year"] for e in entries()} - {k[0] for k in expected}
    return compare(
        Report("dim_seasons (races.csv)"),
        expected,
        got,
        lambda k, w, h: ONLY_FASTF1 if w is None and k[0] in fastf1_seasons else None,
    )


def check_dim_teams(warehouse: Path, load: Loader) -> Report:
    """(season, constructor_ref) of every CSV entry (results, sprints, qualifying): one name."""
    names: dict[tuple[int, str], set[str]] = {}
    for entry in entries():
        for row in result_rows(load, entry):
            if row["constructor_ref"]:
                names.setdefault((entry["year"], row["constructor_ref"]), set()).add(
                    str(row["TeamName"])
                )
    fastf1_seasons = {season for season, _ in names}
    pairs = csv(
        "select distinct r.year, c.constructorRef, c.name from (select raceId, "
        "constructorId from results union all select raceId, constructorId from "
        "qualifying union all select raceId, constructorId from sprint_results) x "
        "join races r using (raceId) join constructors c using (constructorId)"
    )
    got = keyed(gold(warehouse, "select season, constructor_ref, team_name from gold.dim_teams"), 2)
    report = Report("dim_teams (season, constructor) of the CSVs")
    for season, ref, name in pairs:
        allowed = names.get((season, ref), set()) if season in fastf1_seasons else {name}
        have = got.get((season, ref))
        report.total += 1
        if have is not None and have[0] in allowed:
            report.agree += 1
        else:
            report.unexplained.append(f"{season} {ref}: {have} not in {sorted(allowed)}")
    extra = set(got) - {(s, r) for s, r, _ in pairs}
    for key in sorted(extra):
        report.total += 1
        if key in names and got[key][0] in names[key]:
            report.explain(ONLY_FASTF1, f"{key}: {got[key][0]}")
        else:
            report.unexplained.append(f"{key}: {got[key]} not in the CSVs nor Fast-F1")
    return report


def test_dim_drivers(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_dim_drivers(history_warehouse, fastf1_full).assert_ok()


def test_dim_constructors(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_dim_constructors(history_warehouse, fastf1_full).assert_ok()


def test_dim_circuits(history_warehouse: Path) -> None:
    check_dim_circuits(history_warehouse).assert_ok()


def test_dim_events(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_dim_events(history_warehouse, fastf1_full).assert_ok()


def test_dim_seasons(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_dim_seasons(history_warehouse, fastf1_full).assert_ok()


def test_dim_teams(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_dim_teams(history_warehouse, fastf1_full).assert_ok()
