"""Truth: gold.driver_career (all 864 drivers of drivers.csv) and gold.constructor_career (the
211 constructors with results) against the statisticians' rules applied to the CSVs
(career_sql.py): starts, wins, podiums, poles, fastest laps, points, championship points,
championships.

Named explanation: a driver/constructor who also raced in Fast-F1-only sessions (rounds after
the CSVs end) has more in gold; proven when the extra starts, wins, podiums and points equal
Fast-F1's own tally of those sessions (a session Fast-F1 never classified counts by its
provisional order at the flag, as gold does) and no other figure is lower than the CSVs'."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.transform.truth.career_sql import CONSTRUCTORS, DRIVERS
from tests.transform.truth.fastf1_support import Loader, blank, entries, result_rows
from tests.transform.truth.support import Report, Row, compare, csv, gold, keyed

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

BEYOND = "also raced in Fast-F1-only sessions: the extra equals Fast-F1's tally"


def fastf1_tally(load: Loader, ref: str) -> dict[str, Counter[str]]:
    """Per driver_ref / constructor_ref: starts, wins, podiums (entries), points of the
    race/sprint sessions the CSVs lack, from Fast-F1's results."""
    have = {
        tuple(r) for r in csv("select distinct year, round from results join races using (raceId)")
    }
    tally: dict[str, Counter[str]] = {}
    for entry in entries("Race", "Sprint"):
        if (entry["year"], entry["round"]) in have or not entry["results"]:
            continue
        races: dict[str, set[str]] = {}
        rows = result_rows(load, entry)
        # no classification at all (live timing only): the order at the flag, provisional
        provisional = all(blank(r["ClassifiedPosition"]) for r in rows)
        for row in rows:
            counter = tally.setdefault(str(row[ref]), Counter())
            text = "" if blank(row["ClassifiedPosition"]) else str(row["ClassifiedPosition"])
            if provisional and not blank(row["Position"]):
                text = str(int(row["Position"]))
            counter["points"] += 0 if blank(row["Points"]) else float(row["Points"])  # type: ignore[assignment]
            if entry["code"] != "R":
                continue
            if text not in ("W", "F"):
                races.setdefault(str(row[ref]), set()).add("start")
            if text == "1":
                counter["wins"] += 1
            if text in ("1", "2", "3"):
                counter["podiums"] += 1
        for key in races:
            tally[key]["starts"] += 1
    return tally


def _explainer(tally: dict[str, Counter[str]], fields: tuple[str, ...]) -> Any:
    def explain(key: Any, want: Row | None, have: Row | None) -> str | None:
        counter = tally.get(key[0])
        if counter is None or have is None:
            return None
        want = want or tuple(0 for _ in have)
        extra = dict(zip(fields, (h - w for h, w in zip(have, want, strict=True)), strict=True))
        if any(v < 0 for v in extra.values()):
            return None
        if (
            all(
                abs(extra[f] - counter[f]) < 1e-6
                for f in ("starts", "wins", "podiums")
                if f in extra
            )
            and abs(extra["points"] - counter["points"]) < 1e-6
        ):
            return BEYOND
        return None

    return explain


DRIVER_FIELDS = (
    "starts",
    "wins",
    "podiums",
    "poles",
    "fastest_laps",
    "points",
    "championship_points",
    "championships",
)
CONSTRUCTOR_FIELDS = ("starts", "wins", "podiums", "poles", "points", "championships")


def check_driver_careers(warehouse: Path, load: Loader) -> Report:
    expected = keyed(csv(DRIVERS), 1)
    got = keyed(
        gold(warehouse, f"select driver_ref, {', '.join(DRIVER_FIELDS)} from gold.driver_career"), 1
    )
    explain = _explainer(fastf1_tally(load, "driver_ref"), DRIVER_FIELDS)
    return compare(Report("driver_career (all drivers.csv drivers)"), expected, got, explain)


def check_constructor_careers(warehouse: Path, load: Loader) -> Report:
    expected = keyed(csv(CONSTRUCTORS), 1)
    rows = gold(
        warehouse,
        f"select constructor_ref, {', '.join(CONSTRUCTOR_FIELDS)} from gold.constructor_career",
    )
    never = {
        r[0]
        for r in csv(
            "select constructorRef from constructors where constructorId "
            "not in (select constructorId from results)"
        )
    }
    # a constructor without results (eagle) may be listed with nothing, or not at all
    got = keyed([r for r in rows if not (r[0] in never and not any(r[1:]))], 1)
    tally = fastf1_tally(load, "constructor_ref")
    # Fast-F1's points are the constructor's points scored; its championship points are not
    # in the CSVs: compare those on the CSVs' seasons only (explained when Fast-F1 raced it)
    explain = _explainer(tally, CONSTRUCTOR_FIELDS)
    return compare(Report("constructor_career (constructors with results)"), expected, got, explain)


def test_driver_careers(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_driver_careers(history_warehouse, fastf1_full).assert_ok()


def test_constructor_careers(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_constructor_careers(history_warehouse, fastf1_full).assert_ok()
