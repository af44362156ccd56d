"""Gold for the 2024 Singapore GP race: Fast-F1 has its results but no laps, OpenF1's recording
fills laps, positions, pit stops and overtakes. Every expected value is computed here from the
Ergast CSV dump or the OpenF1 recording, never from the warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import require_openf1_dump
from tests.history.conftest import csv_connection, gold
from tests.openf1.support import ROUND, SEASON, recorded

pytestmark = pytest.mark.realdata
SESSION = f"{SEASON}-{ROUND:02d}-R"


def ergast_results() -> dict[str, tuple[int, int, int | None, str]]:
    """driver code -> (laps, position order, race time ms, status) of the race, from the dump."""
    with csv_connection() as con:
        rows = con.execute(
            "select d.code, r.laps, r.positionOrder, r.milliseconds, s.status "
            "from results r join races using (raceId) join drivers d using (driverId) "
            "join status s using (statusId) where races.year = ? and races.round = ?",
            [SEASON, ROUND],
        ).fetchall()
    return {code: (int(laps), int(order), ms, status) for code, laps, order, ms, status in rows}


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


def test_winners_time_from_the_laps_and_the_gaps_match_the_official_ones(
    openf1_warehouse: Path,
) -> None:
    results = ergast_results()
    winner = next(code for code, r in results.items() if r[1] == 1)
    official_ms = results[winner][2]
    assert official_ms is not None
    [(laps_ms, fastest_ms)] = gold(
        openf1_warehouse,
        "select sum(lap_time_ms), min(lap_time_ms) from gold.fct_laps "
        "where session_id = ? and driver_code = ?",
        [SESSION, winner],
    )
    # the recording has no lap 1: laps 2..N add up to the official time less lap 1, and what
    # is left is a plausible standing-start lap (between the winner's fastest and 1.2x it)
    lap_one_ms = official_ms - laps_ms
    assert fastest_ms < lap_one_ms < 1.2 * fastest_ms
    # the finish line crossings (end of each lead-lap finisher's last lap) give the official
    # gaps to the winner to the second
    finish = dict(
        gold(
            openf1_warehouse,
            "select driver_code, max(lap_started_at + to_milliseconds(lap_time_ms)) "
            "from gold.fct_laps where session_id = ? group by all",
            [SESSION],
        )
    )
    for code, (_, _, race_ms, _) in results.items():
        if race_ms is not None and code != winner:
            gap_s = (finish[code] - finish[winner]).total_seconds()
            assert abs(gap_s - (race_ms - official_ms) / 1000) < 1.0, code


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
