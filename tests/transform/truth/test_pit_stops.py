"""Truth: gold.fct_pit_stops = every pit_stops.csv stop (12,101: driver, stop number, in-lap,
duration ms, pit_source 'ergast'), plus Fast-F1's stops of the race/sprint sessions the CSV has
no stops for (pit_source 'fastf1', no duration).

Fast-F1's stops are derived here from Fast-F1's laps by the counting rule Ergast follows (see
transform/models/silver/pit_stops.yml): an in-lap (PitInTime) followed by an out-lap (next lap
has PitOutTime), not entered under a red flag (in-lap TrackStatus contains '5'). The rule is
first proven on every race both sources have: its in-laps must equal pit_stops.csv per driver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.transform.truth.fastf1_support import Loader, blank, entries, ref_maps, session
from tests.transform.truth.support import Report, compare, csv, gold, keyed

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def check_ergast_pit_stops(warehouse: Path) -> Report:
    expected = keyed(
        csv(
            "select r.year, r.round, d.driverRef, p.stop, p.lap, p.milliseconds, 'ergast' "
            "from pit_stops p join races r using (raceId) join drivers d using (driverId)"
        ),
        4,
    )
    races = {key[:2] for key in expected}
    rows = gold(
        warehouse,
        "select season, round, driver_ref, pit_stop_number, in_lap_number, pit_duration_ms, "
        "pit_source from gold.fct_pit_stops where session_code = 'R'",
    )
    got = keyed([r for r in rows if tuple(r[:2]) in races], 4)
    report = compare(Report("pit_stops.csv stops"), expected, got)
    report.notes.append(f"{len(expected)} stops in {len(races)} races of the CSV")
    return report


def fastf1_stops(load: Loader, entry: dict[str, Any]) -> dict[str, list[int]]:
    """driver_ref -> in-laps of its stops, by the rule above, from Fast-F1's laps."""
    drivers, _ = ref_maps(load)
    laps = session(load, entry, laps=True).laps
    stops: dict[str, list[int]] = {}
    for _, driver_laps in laps.groupby("Driver"):
        driver_laps = driver_laps.sort_values("LapNumber")
        by_number = {
            int(n): lap
            for n, lap in zip(driver_laps["LapNumber"], driver_laps.to_dict("records"), strict=True)
        }
        for number, lap in sorted(by_number.items()):
            following = by_number.get(number + 1)
            if blank(lap["PitInTime"]) or following is None or blank(following["PitOutTime"]):
                continue
            if "5" in str(lap["TrackStatus"] or ""):
                continue
            ref = drivers[(entry["year"], str(lap["Driver"]))]
            stops.setdefault(ref, []).append(number)
    return stops


def check_fastf1_pit_stops(warehouse: Path, load: Loader) -> Report:
    report = Report("Fast-F1 pit stops where the CSV has none")
    csv_races = {
        tuple(r)
        for r in csv("select distinct year, round from pit_stops join races using (raceId)")
    }
    calibrated = calibration_agree = 0
    for entry in entries("Race", "Sprint"):
        if not entry["laps"]:
            continue
        stops = fastf1_stops(load, entry)
        season, rnd, code = entry["year"], entry["round"], entry["code"]
        if code == "R" and (season, rnd) in csv_races:
            expected_laps: dict[str, list[int]] = {}
            for ref, lap in csv(
                "select d.driverRef, p.lap from pit_stops p join races r using (raceId) "
                "join drivers d using (driverId) where r.year = ? and r.round = ? "
                "order by d.driverRef, p.stop",
                [season, rnd],
            ):
                expected_laps.setdefault(ref, []).append(lap)
            for ref in set(expected_laps) | set(stops):
                calibrated += 1
                if expected_laps.get(ref, []) == stops.get(ref, []):
                    calibration_agree += 1
                else:
                    report.unexplained.append(
                        f"rule vs CSV {season}-{rnd} {ref}: {stops.get(ref)} vs "
                        f"{expected_laps.get(ref)}"
                    )
            continue
        expected = {
            (season, rnd, code, ref, n): (lap, None, "fastf1")
            for ref, laps in stops.items()
            for n, lap in enumerate(laps, start=1)
        }
        got = keyed(
            gold(
                warehouse,
                "select season, round, session_code, driver_ref, pit_stop_number, "
                "in_lap_number, pit_duration_ms, pit_source from gold.fct_pit_stops "
                "where season = ? and round = ? and session_code = ?",
                [season, rnd, code],
            ),
            5,
        )
        compare(report, expected, got)
        report.notes.append(f"{season}-{rnd:02d}-{code}: {len(expected)} Fast-F1 stops")
    report.notes.append(
        f"rule proven on the races both sources have: {calibration_agree} of {calibrated} "
        "drivers' in-laps equal pit_stops.csv"
    )
    return report


def test_ergast_pit_stops(history_warehouse: Path) -> None:
    check_ergast_pit_stops(history_warehouse).assert_ok()


def test_fastf1_pit_stops(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_fastf1_pit_stops(history_warehouse, fastf1_full).assert_ok()
