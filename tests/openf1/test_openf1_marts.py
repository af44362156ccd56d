"""Gold for the 2024 Singapore GP race: Fast-F1 has its results but no laps, OpenF1's recording
fills laps, positions, pit stops and overtakes. Every expected value is computed here from the
Ergast CSV dump or the OpenF1 recording, never from the warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import require_openf1_dump
from tests.history.conftest import csv_connection, gold
from tests.openf1.support import ROUND, SEASON, ergast_results, recorded

pytestmark = pytest.mark.realdata
SESSION = f"{SEASON}-{ROUND:02d}-R"


def test_each_drivers_last_lap_is_ergasts_and_lap_one_is_a_gap(openf1_warehouse: Path) -> None:
    expected = {code: laps for code, (laps, *_) in ergast_results().items()}
    last = dict(
        gold(
            openf1_warehouse,
            "select driver_code, max(lap_number) filter (where lap_time_ms is not null) "
            "from gold.fct_laps where session_id = ? group by all",
            [SESSION],
        )
    )
    assert last == expected and len(last) == 20
    sources = gold(
        openf1_warehouse,
        "select distinct lap_source from gold.fct_laps where session_id = ?",
        [SESSION],
    )
    assert sources == [("openf1",)]
    first_recorded = min(lap["lap_number"] for lap in recorded(require_openf1_dump(), "laps"))
    [(min_lap, has_laps, source)] = gold(
        openf1_warehouse,
        "select min_lap_number, has_laps, lap_source from gold.dim_sessions where session_id = ?",
        [SESSION],
    )
    assert (min_lap, has_laps, source) == (first_recorded, True, "openf1") and min_lap == 2


def test_pit_stops_per_driver_are_ergasts(openf1_warehouse: Path) -> None:
    with csv_connection() as con:
        expected = dict(
            con.execute(
                "select d.code, count(*) from pit_stops p join races using (raceId) "
                "join drivers d using (driverId) where races.year = ? and races.round = ? "
                "group by all",
                [SEASON, ROUND],
            ).fetchall()
        )
    served = dict(
        gold(
            openf1_warehouse,
            "select driver_code, count(*) from gold.fct_pit_stops "
            "where session_id = ? group by all",
            [SESSION],
        )
    )
    assert served == expected and sum(served.values()) == 23
    summary = dict(
        gold(
            openf1_warehouse,
            "select driver_code, pit_stops from gold.driver_session_summary where session_id = ?",
            [SESSION],
        )
    )
    assert {k: v for k, v in summary.items() if v} == expected


def test_openf1s_pit_stops_are_ergasts_stop_for_stop(openf1_warehouse: Path) -> None:
    """With the history loaded gold serves Ergast's stops (precedence), so OpenF1's are checked
    where they are: the stops OpenF1 gives (what gold serves for a race the history lacks) are
    Ergast's, per driver and in-lap, and gold adds each one's pit-lane time to Ergast's stop."""
    dump = require_openf1_dump()
    acronym = {d["driver_number"]: d["name_acronym"] for d in recorded(dump, "drivers")}
    pits = recorded(dump, "pit")
    lane_ms = {
        (acronym[p["driver_number"]], p["lap_number"]): round(p["pit_duration"] * 1000)
        for p in pits
    }
    with csv_connection() as con:
        ergast = con.execute(
            "select d.code, p.lap from pit_stops p join races using (raceId) "
            "join drivers d using (driverId) where races.year = ? and races.round = ?",
            [SEASON, ROUND],
        ).fetchall()
    assert sorted(lane_ms) == sorted(ergast) and len(pits) == len(ergast) == 23
    openf1 = gold(
        openf1_warehouse,
        "select driver_code, in_lap_number from silver.int_openf1_pit_stops where session_id = ?",
        [SESSION],
    )
    assert sorted(openf1) == sorted(ergast)
    served = gold(
        openf1_warehouse,
        "select driver_code, in_lap_number, pit_lane_time_ms, pit_source from gold.fct_pit_stops "
        "where session_id = ?",
        [SESSION],
    )
    assert {(c, lap): ms for c, lap, ms, _ in served} == lane_ms
    assert {source for *_, source in served} == {"ergast"}


def test_finishing_order_from_the_last_lap_is_the_classification(openf1_warehouse: Path) -> None:
    results = ergast_results()
    order = [
        code
        for (code,) in gold(
            openf1_warehouse,
            "select driver_code from gold.fct_laps "
            "where session_id = ? and lap_time_ms is not null "
            "qualify lap_number = max(lap_number) over (partition by driver_code) "
            "order by lap_number desc, lap_started_at + to_milliseconds(lap_time_ms)",
            [SESSION],
        )
    ]
    assert order == sorted(results, key=lambda code: results[code][1])
    running = dict(
        gold(
            openf1_warehouse,
            "select driver_code, arg_max(running_position, lap_number) from gold.fct_laps "
            "where session_id = ? and lap_time_ms is not null group by all",
            [SESSION],
        )
    )
    finishers = {
        c
        for c, (_, _, _, status) in results.items()
        if status == "Finished" or status.startswith("+")
    }
    assert {c: running[c] for c in finishers} == {c: results[c][1] for c in finishers}


def test_the_race_page_shows_positions_lap_by_lap_from_openf1(openf1_warehouse: Path) -> None:
    from dashboard.queries.connection import warehouse_key
    from dashboard.queries.sessions import pit_stops, positions

    key = warehouse_key(openf1_warehouse)
    frame = positions(key, SESSION)
    assert frame["driver_code"].nunique() == 20
    laps = recorded(require_openf1_dump(), "laps")
    assert len(frame) == len(laps) + 20  # every recorded lap + the grid (lap 0)
    assert set(frame.groupby("lap_number")["running_position"].min()) == {1}
    assert len(pit_stops(key, SESSION)) == len(recorded(require_openf1_dump(), "pit"))


def test_where_both_sources_have_a_session_fastf1_is_served_and_they_are_compared(
    openf1_warehouse: Path,
) -> None:
    from tests.openf1.support import MIRRORED, SHIFTED_MS

    session = "{}-{:02d}-{}".format(*MIRRORED)
    mirrored = json.loads((openf1_warehouse.parents[2] / "mirror" / "laps.json").read_text())
    sources = gold(
        openf1_warehouse,
        "select distinct lap_source from gold.fct_laps where session_id = ?",
        [session],
    )
    assert sources == [("fastf1",)]
    [(in_both, differing, largest, served)] = gold(
        openf1_warehouse,
        "select laps_in_both, laps_differing_over_1_ms, max_lap_time_difference_ms, "
        "served_source from gold.openf1_fastf1_agreement where session_id = ?",
        [session],
    )
    assert (in_both, differing, largest, served) == (len(mirrored), 1, SHIFTED_MS, "fastf1")


def test_the_sessions_fastest_lap_is_the_recordings(openf1_warehouse: Path) -> None:
    dump = require_openf1_dump()
    acronyms = {d["driver_number"]: d["name_acronym"] for d in recorded(dump, "drivers")}
    timed = [lap for lap in recorded(dump, "laps") if lap["lap_duration"] is not None]
    quickest = min(timed, key=lambda lap: lap["lap_duration"])
    served = gold(
        openf1_warehouse,
        "select fastest_lap_driver_code, fastest_lap_ms from gold.dim_sessions "
        "where session_id = ?",
        [SESSION],
    )
    expected = (acronyms[quickest["driver_number"]], round(quickest["lap_duration"] * 1000))
    assert served == [expected]
