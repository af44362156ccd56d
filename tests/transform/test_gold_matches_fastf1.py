"""Gold against Fast-F1 itself, session by session, on the real cache (offline, temp copy)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from tests.transform.transform_support import catalog, fastf1_from_copy, query, session_id

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


@pytest.fixture(scope="module")
def fastf1(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return fastf1_from_copy(tmp_path_factory.mktemp("fastf1-cache"))


def _load(fastf1: Any, entry: dict[str, Any], *, laps: bool) -> Any:
    session = fastf1.get_session(entry["year"], entry["round"], entry["session"])
    session.load(laps=laps, telemetry=False, weather=False, messages=laps)
    return session


def _races_with_results() -> list[dict[str, Any]]:
    return [e for e in catalog() if e["session"] == "Race" and e["results"]]


def _sessions_with_laps() -> list[dict[str, Any]]:
    return [e for e in catalog() if e["laps"]]


def test_every_race_winner_and_podium_match_fastf1(real_warehouse: Path, fastf1: Any) -> None:
    races = _races_with_results()
    podiums = 0
    for entry in races:
        results = _load(fastf1, entry, laps=False).results
        classified = results.dropna(subset=["Position"]).sort_values("Position")
        expected = list(classified["Abbreviation"].head(3))
        got = query(
            real_warehouse,
            "select driver_code from gold.fct_results where session_id = ? and is_podium "
            "order by finish_position",
            [session_id(entry)],
        )
        assert [r[0] for r in got] == expected, session_id(entry)
        winner = query(
            real_warehouse,
            "select driver_code from gold.fct_results where session_id = ? and is_winner",
            [session_id(entry)],
        )
        # a race still to be run (2026) has its driver list but no classification yet
        assert winner == [(code,) for code in expected[:1]], session_id(entry)
        podiums += len(expected) == 3
    assert podiums >= 24  # all 24 races of 2024 plus older ones


def test_every_drivers_race_points_match_fastf1(real_warehouse: Path, fastf1: Any) -> None:
    compared = 0
    for entry in _races_with_results():
        results = _load(fastf1, entry, laps=False).results
        got = dict(
            query(
                real_warehouse,
                "select driver_code, points from gold.driver_session_summary where session_id = ?",
                [session_id(entry)],
            )
        )
        for code, points in zip(results["Abbreviation"], results["Points"], strict=True):
            if points is None or math.isnan(points):
                assert got[code] is None, (session_id(entry), code)
            else:
                assert got[code] == pytest.approx(float(points)), (session_id(entry), code)
                compared += 1
    assert compared >= 24 * 19


def test_each_sessions_fastest_lap_is_pick_fastest(real_warehouse: Path, fastf1: Any) -> None:
    sessions = _sessions_with_laps()
    assert len(sessions) == 15
    for entry in sessions:
        fastest = _load(fastf1, entry, laps=True).laps.pick_fastest()
        got = query(
            real_warehouse,
            "select fastest_lap_driver_number, fastest_lap_driver_code, fastest_lap_ms "
            "from gold.dim_sessions where session_id = ?",
            [session_id(entry)],
        )
        expected_ms = round(fastest["LapTime"].total_seconds() * 1000)
        number, code, ms = got[0]
        assert (number, ms) == (str(fastest["DriverNumber"]), expected_ms), session_id(entry)
        if fastest["Driver"]:  # 2020-05-FP2 has no codes in Fast-F1; gold infers them
            assert code == fastest["Driver"], session_id(entry)


def test_each_drivers_pit_stops_are_pit_in_laps(real_warehouse: Path, fastf1: Any) -> None:
    total = 0
    for entry in _sessions_with_laps():
        laps = _load(fastf1, entry, laps=True).laps
        pit_in = laps[laps["PitInTime"].notna()]
        expected = pit_in.groupby("DriverNumber").size().to_dict()
        got = dict(
            query(
                real_warehouse,
                "select driver_number, pit_stops from gold.driver_session_summary "
                "where session_id = ? and laps > 0",
                [session_id(entry)],
            )
        )
        assert {d: n for d, n in got.items() if n} == expected, session_id(entry)
        stops = dict(
            query(
                real_warehouse,
                "select driver_number, count(*) from gold.fct_pit_stops where session_id = ? "
                "group by all",
                [session_id(entry)],
            )
        )
        assert stops == expected, session_id(entry)
        total += sum(expected.values())
    assert total > 100


def test_laps_and_results_row_counts_match_the_catalog(real_warehouse: Path) -> None:
    for entry in catalog():
        sid = session_id(entry)
        laps = query(
            real_warehouse, "select count(*) from gold.fct_laps where session_id = ?", [sid]
        )
        assert laps[0][0] == (entry["laps"] or 0), sid
        results = query(
            real_warehouse, "select count(*) from gold.fct_results where session_id = ?", [sid]
        )
        assert results[0][0] == (entry["results"] or 0), sid
