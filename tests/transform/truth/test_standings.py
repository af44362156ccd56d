"""Truth: gold.fct_driver_standings and gold.fct_constructor_standings after every round
1950-2025 = driver_standings.csv / constructor_standings.csv (points, position, wins), row by
row. Rows gold has for rounds after the CSVs end (Fast-F1-only rounds) are named, and proven to
be rounds the CSVs have no results for while Fast-F1's catalog has that round's race."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.transform.truth.fastf1_support import Loader, entries, number, result_rows
from tests.transform.truth.support import Report, Row, compare, csv, gold, keyed

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

BEYOND = (
    "Fast-F1-only round (no results in the CSVs): gold's points = the season's Fast-F1 race and "
    "sprint points to date"
)
GAP = "a round with no results in any source: flagged incomplete, points carried over"


def _beyond_csvs() -> set[tuple[int, int]]:
    with_results = {
        tuple(r) for r in csv("select distinct year, round from results join races using (raceId)")
    }
    fastf1 = {(e["year"], e["round"]) for e in entries("Race") if e["results"]}
    return fastf1 - with_results


def _fastf1_points(load: Loader, ref: str) -> dict[tuple[int, int, str], float]:
    """(season, round, ref) -> that round's race + sprint points in Fast-F1's results, for the
    seasons the CSVs have no results of."""
    have = {r[0] for r in csv("select distinct year from results join races using (raceId)")}
    points: dict[tuple[int, int, str], float] = {}
    for entry in entries("Race", "Sprint"):
        if entry["year"] in have or not entry["results"]:
            continue
        for row in result_rows(load, entry):
            key = (entry["year"], entry["round"], str(row[ref]))
            points[key] = points.get(key, 0.0) + (number(row["Points"]) or 0)
    return points


def _check(warehouse: Path, kind: str, ref: str, load: Loader) -> Report:
    table = f"{kind}_standings"
    ref_table, id_column = (
        ("drivers", "driverId")
        if kind == "driver"
        else (
            "constructors",
            "constructorId",
        )
    )
    expected = keyed(
        csv(
            f"select r.year, r.round, x.{kind}Ref, s.points, s.position, s.wins "
            f"from {table} s "
            f"join races r using (raceId) join {ref_table} x using ({id_column})"
        ),
        3,
    )
    got = keyed(
        gold(
            warehouse, f"select season, round, {ref}, points, position, wins from gold.fct_{table}"
        ),
        3,
    )
    beyond = _beyond_csvs()
    scored = _fastf1_points(load, ref)
    incomplete = {
        tuple(r)
        for r in gold(
            warehouse,
            f"select distinct season, round from gold.fct_{table} where not is_round_complete",
        )
    }

    def explain(key: Any, want: Row | None, have: Row | None) -> str | None:
        if want is not None or have is None:
            return None
        season, round_number, who = key
        to_date = sum(
            v for (s, r, w), v in scored.items() if (s, w) == (season, who) and r <= round_number
        )
        if (season, round_number) in beyond:
            return BEYOND if have[0] == to_date else None
        if (season, round_number) in incomplete and season not in {k[0] for k in expected}:
            return GAP if have[0] == to_date else None
        return None

    report = compare(Report(f"{table}.csv rows after every round"), expected, got, explain)
    report.notes.append(f"{len({k[:2] for k in expected})} rounds in the CSV")
    return report


def check_driver_standings(warehouse: Path, load: Loader) -> Report:
    return _check(warehouse, "driver", "driver_ref", load)


def check_constructor_standings(warehouse: Path, load: Loader) -> Report:
    return _check(warehouse, "constructor", "constructor_ref", load)


def test_driver_standings(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_driver_standings(history_warehouse, fastf1_full).assert_ok()


def test_constructor_standings(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_constructor_standings(history_warehouse, fastf1_full).assert_ok()
