"""Gold against the Ergast CSV database (an independent source), race by race, on the warehouse
built from the real `full/` Fast-F1 cache. Expected values come from the CSVs, never from gold."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest

from tests.transform.ergast_support import ergast, race_id
from tests.transform.transform_support import catalog, query, session_id

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def _races(*, with_laps: bool = False) -> list[dict[str, Any]]:
    return [e for e in catalog("full") if e["session"] == "Race" and (e["laps"] or not with_laps)]


def _ergast_codes(rid: int) -> list[str]:
    rows = ergast(
        "select d.code from results r join drivers d using (driverId) where r.raceId = ?", [rid]
    )
    return [r[0] for r in rows]


def test_pit_stops_per_driver_equal_ergast(full_warehouse: Path) -> None:
    """Every driver's stops (the in-lap of each) equal Ergast pit_stops.csv, in every race with
    laps here and pit stops there."""
    races = [
        (e, rid)
        for e in _races(with_laps=True)
        if (rid := race_id(e["year"], e["round"]))
        and ergast("select count(*) from pit_stops where raceId = ?", [rid])[0][0]
    ]
    assert races, "no race with laps in both sources"
    report = []
    for entry, rid in races:
        sid = session_id(entry)
        expected: dict[str, list[int]] = {code: [] for code in _ergast_codes(rid)}
        for code, lap in ergast(
            "select d.code, p.lap from pit_stops p join drivers d using (driverId) "
            "where p.raceId = ? order by d.code, p.stop",
            [rid],
        ):
            expected.setdefault(code, []).append(lap)
        got: dict[str, list[int]] = {}
        for code, lap in query(
            full_warehouse,
            "select driver_code, in_lap_number from gold.fct_pit_stops where session_id = ? "
            "order by driver_code, pit_stop_number",
            [sid],
        ):
            got.setdefault(code, []).append(lap)
        drivers = sorted(set(expected) | set(got))
        agree = [d for d in drivers if expected.get(d, []) == got.get(d, [])]
        report.append(f"{sid}: agree {len(agree)} of {len(drivers)}")
        print(report[-1])
        assert len(agree) == len(drivers), {
            d: (expected.get(d), got.get(d)) for d in drivers if d not in agree
        }
    print("pit stops vs Ergast:", "; ".join(report))


def _status(text: str | None) -> str | None:
    """Status as one vocabulary. The CSV keeps Ergast's detailed reasons ('+1 Lap', 'Mechanical',
    'Accident', ...) where newer Ergast/Jolpica answers, and so Fast-F1, may say 'Lapped' or
    'Retired' / 'Did not start': compare the kind of result (finished, lapped, DSQ, not
    finished - retired, did not start, withdrawn)."""
    if text is None or text in {"Finished", "Disqualified"}:
        return text
    if text == "Lapped" or re.fullmatch(r"\+\d+ Laps?", text):
        return "Lapped"
    return "not finished"


def _fastf1_classified(fastf1_full: Any, entry: dict[str, Any]) -> bool:
    """Fast-F1 has the official classification of this race (Status filled; a race cached only
    as timing data gets positions from its laps but no classification)."""
    results = fastf1_full(entry, laps=bool(entry["laps"])).results
    return bool((results["Status"].fillna("").astype(str) != "").any())


def test_race_results_equal_ergast(full_warehouse: Path, fastf1_full: Any) -> None:
    """Finishing order, points, grid and status of every race Fast-F1 classified equal Ergast
    results.csv (grid 0 there = pit-lane start = NULL grid here)."""
    compared = 0
    disagreements: list[str] = []
    for entry in _races():
        rid = race_id(entry["year"], entry["round"])
        if rid is None or not _fastf1_classified(fastf1_full, entry):
            continue
        expected = {
            code: (order, text, points, grid or None, status)
            for code, order, text, points, grid, status in ergast(
                "select d.code, r.positionOrder, r.positionText, r.points, r.grid, s.status "
                "from results r join drivers d using (driverId) join status s using (statusId) "
                "where r.raceId = ?",
                [rid],
            )
        }
        got = {
            code: (order, points, grid, status)
            for code, order, points, grid, status in query(
                full_warehouse,
                "select driver_code, finish_position, points, grid_position, status "
                "from gold.fct_results where session_id = ?",
                [session_id(entry)],
            )
        }
        assert got.keys() == expected.keys(), session_id(entry)
        results = fastf1_full(entry, laps=bool(entry["laps"])).results
        fastf1_grid = {
            code: (int(g) or None) if g == g else None
            for code, g in zip(results["Abbreviation"], results["GridPosition"], strict=True)
        }
        for code, (order, text, points, grid, status) in expected.items():
            mine = got[code]
            # a withdrawn entry (W) has no finishing place in Fast-F1, or Ergast's last place
            if not (text == "W" and mine[0] is None):
                assert mine[0] == order, (session_id(entry), code, "finishing order", mine, order)
            assert math.isclose(mine[1], points), (session_id(entry), code, "points")
            if mine[2] != grid:  # allowed only where Fast-F1 itself says otherwise (printed)
                ours = fastf1_grid.get(code)
                assert mine[2] == ours, (session_id(entry), code, "grid", mine[2], grid)
                disagreements.append(f"{session_id(entry)} {code} grid: {grid} vs {ours}")
            assert _status(mine[3]) == _status(status), (session_id(entry), code, mine, status)
        compared += 1
        print(f"{session_id(entry)}: {len(expected)} of {len(expected)} results agree")
    print(f"race results vs Ergast: {compared} races classified by Fast-F1 agree")
    print("where Fast-F1 and Ergast differ, gold = Fast-F1:", disagreements)
    assert compared >= 24  # all of 2024 is classified in full/; the count itself is printed


def test_standings_equal_ergast_where_complete(full_warehouse: Path) -> None:
    """Where no race/sprint is missing, points equal Ergast driver_standings.csv and positions
    agree (a tie that countback cannot break shares a rank here); every round whose sprint
    (per Ergast) has no points here is flagged."""
    rows = query(
        full_warehouse,
        "select season, round, driver_code, cumulative_points, championship_position, "
        "is_round_complete, is_standing_complete, count(*) over (partition by season, round, "
        "championship_position), (select count(points) from gold.fct_results r "
        "where r.season = s.season and r.round = s.round and r.session_type = 'sprint') "
        "from gold.driver_standings s order by season, round",
    )
    standings = {
        (season, rnd, code): (points, position)
        for season, rnd, code, points, position in ergast(
            "select r.year, r.round, d.code, s.points, s.position from driver_standings s "
            "join races r using (raceId) join drivers d using (driverId)"
        )
    }
    sprints = {tuple(r) for r in ergast("select distinct year, round from sprint_results "
                                        "join races using (raceId)")}  # fmt: skip
    complete = flagged = 0
    for season, rnd, code, points, position, round_ok, standing_ok, shared, sprint in rows:
        if (season, rnd) in sprints and not sprint:
            assert not round_ok and not standing_ok, (season, rnd, "missing sprint not flagged")
            flagged += 1
        if not standing_ok or race_id(season, rnd) is None:
            continue
        found = standings.get((season, rnd, code))
        if found is None:  # a driver not yet entered by this round: 0 points here
            assert points == 0, (season, rnd, code)
            continue
        ergast_points, ergast_position = found
        assert math.isclose(points, ergast_points), (season, rnd, code, points, ergast_points)
        if ergast_position is not None:
            assert position <= ergast_position < position + shared, (season, rnd, code)
        complete += 1
    print(f"standings vs Ergast: {complete} complete standings agree, {flagged} flagged")
    assert complete > 0
