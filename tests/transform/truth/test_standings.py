"""Truth: gold.fct_driver_standings and gold.fct_constructor_standings after every round
1950-2025 = driver_standings.csv / constructor_standings.csv (points, position, wins), row by
row. Rows gold has for rounds after the CSVs end (Fast-F1-only rounds) are named, and proven to
be rounds the CSVs have no results for while Fast-F1's catalog has that round's race."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.transform.truth.fastf1_support import entries
from tests.transform.truth.support import Report, Row, compare, csv, gold, keyed

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

BEYOND = "Fast-F1-only round (no results in the CSVs, race in Fast-F1's catalog)"


def _beyond_csvs() -> set[tuple[int, int]]:
    with_results = {
        tuple(r) for r in csv("select distinct year, round from results join races using (raceId)")
    }
    fastf1 = {(e["year"], e["round"]) for e in entries("Race") if e["results"]}
    return fastf1 - with_results


def _check(warehouse: Path, kind: str, ref: str) -> Report:
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

    def explain(key: Any, want: Row | None, have: Row | None) -> str | None:
        return BEYOND if want is None and tuple(key[:2]) in beyond else None

    report = compare(Report(f"{table}.csv rows after every round"), expected, got, explain)
    report.notes.append(f"{len({k[:2] for k in expected})} rounds in the CSV")
    return report


def check_driver_standings(warehouse: Path) -> Report:
    return _check(warehouse, "driver", "driver_ref")


def check_constructor_standings(warehouse: Path) -> Report:
    return _check(warehouse, "constructor", "constructor_ref")


def test_driver_standings(history_warehouse: Path) -> None:
    check_driver_standings(history_warehouse).assert_ok()


def test_constructor_standings(history_warehouse: Path) -> None:
    check_constructor_standings(history_warehouse).assert_ok()
