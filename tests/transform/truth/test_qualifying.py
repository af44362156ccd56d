"""Truth: gold.fct_qualifying, one row per driver per qualifying session ('Q', 'SQ', 'SS'):
qualifying_position, q1_ms, q2_ms, q3_ms, qualifying_source, by the precedence
  1. Fast-F1's results where they carry positions ('fastf1_results'),
  2. else qualifying.csv ('ergast'; sessions 'Q' only: the CSV has no sprint qualifying),
  3. else Fast-F1's laps split by Fast-F1's own `Laps.split_qualifying_sessions()`
     ('fastf1_laps'): Q3 runners by their Q3 best, then the Q2 eliminated by Q2 best, then the
     rest by Q1 best (a part's best = fastest LapTime not deleted by race control).
Two reports: every qualifying.csv row, and every Fast-F1 qualifying session.
Named explanation: a position qualifying.csv itself gives twice in one session (the CSV's own
duplicate), where gold ranks the session 1..n and agrees on everything else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.transform.truth.fastf1_support import (
    QUALI_NAMES,
    Loader,
    blank,
    entries,
    ms,
    number,
    ref_maps,
    result_rows,
    session,
)
from tests.transform.truth.support import Report, Row, compare, csv, gold, keyed

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

DUPLICATE = "qualifying.csv gives this position twice in the session (the CSV's own duplicate)"


def lap_text_ms(text: str | None) -> int | None:
    """'1:26.572' -> 86572 (qualifying.csv's times); NULL or '' -> None."""
    if not text:
        return None
    minutes, seconds = text.split(":") if ":" in text else ("0", text)
    return int(minutes) * 60_000 + round(float(seconds) * 1000)


def _csv_rows() -> dict[Any, Row]:
    return {
        (year, rnd, "Q", ref): (pos, lap_text_ms(q1), lap_text_ms(q2), lap_text_ms(q3), "ergast")
        for year, rnd, ref, pos, q1, q2, q3 in csv(
            "select r.year, r.round, d.driverRef, q.position, q.q1, q.q2, q.q3 from qualifying q "
            "join races r using (raceId) join drivers d using (driverId)"
        )
    }


def laps_split(load: Loader, entry: dict[str, Any]) -> dict[str, Row]:
    """driver_ref -> (position, q1, q2, q3) from Fast-F1's laps split into Q1/Q2/Q3."""
    drivers, _ = ref_maps(load)
    laps = session(load, entry, laps=True).laps
    best: list[dict[str, int]] = []
    for part in laps.split_qualifying_sessions():
        times: dict[str, int] = {}
        if part is not None and len(part):
            if "Deleted" in part.columns:
                part = part[part["Deleted"].astype("boolean").fillna(False) != True]  # noqa: E712
            for code, lap_time in zip(part["Driver"], part["LapTime"], strict=True):
                value = ms(lap_time)
                if value is not None and (code not in times or value < times[code]):
                    times[str(code)] = value
        best.append(times)
    best += [{}] * (3 - len(best))
    ran = [
        set(laps[laps.index.isin(p.index)]["Driver"]) if p is not None else set()
        for p in laps.split_qualifying_sessions()
    ] + [set()] * 3
    order: list[str] = []
    for stage in (2, 1, 0):
        group = [d for d in ran[stage] | set(best[stage]) if d not in order]
        order += sorted(group, key=lambda d: (best[stage].get(d) is None, best[stage].get(d, 0)))
    # entrants without a lap in any part are classified last (ordered by car number)
    numbers = {str(r["Abbreviation"]): str(r["DriverNumber"]) for r in result_rows(load, entry)}
    order += sorted((d for d in numbers if d not in order), key=lambda d: numbers[d])
    return {
        drivers[(entry["year"], code)]: (
            position,
            best[0].get(code),
            best[1].get(code),
            best[2].get(code),
        )
        for position, code in enumerate(order, start=1)
    }


def expected_qualifying(load: Loader) -> tuple[dict[Any, Row], set[Any], list[str]]:
    """All expected rows, the Fast-F1 sessions' keys (season, round, code), and notes."""
    expected = _csv_rows()
    csv_sessions = {key[:3] for key in expected}
    fastf1_sessions: set[Any] = set()
    notes = []
    for entry in entries(*QUALI_NAMES):
        key = (entry["year"], entry["round"], entry["code"])
        rows = result_rows(load, entry) if entry["results"] else []
        if rows and any(not blank(r["Position"]) for r in rows):
            fastf1_sessions.add(key)
            mine = {
                (*key, r["driver_ref"]): (
                    number(r["Position"]),
                    ms(r["Q1"]),
                    ms(r["Q2"]),
                    ms(r["Q3"]),
                    "fastf1_results",
                )
                for r in rows
            }
            if key in csv_sessions:
                same = sum(expected.get(k, ())[:4] == v[:4] for k, v in mine.items())
                notes.append(f"{key}: Fast-F1 results = qualifying.csv in {same} of {len(mine)}")
                for k in [k for k in expected if k[:3] == key]:
                    del expected[k]
            expected.update(mine)
        elif key in csv_sessions:
            fastf1_sessions.add(key)
        elif entry["laps"]:
            fastf1_sessions.add(key)
            for ref, row in laps_split(load, entry).items():
                expected[(*key, ref)] = (*row, "fastf1_laps")
        else:
            notes.append(f"{key}: no positions, no laps in Fast-F1 and not in the CSV")
    return expected, fastf1_sessions, notes


def _check(warehouse: Path, load: Loader, name: str, scope: set[Any] | None) -> Report:
    expected, fastf1_sessions, notes = expected_qualifying(load)
    duplicates = {
        tuple(r)
        for r in csv(
            "select r.year, r.round, q.position from qualifying q join races r using (raceId) "
            "group by all having count(*) > 1"
        )
    }
    sessions = fastf1_sessions if scope is None else scope
    expected = {k: v for k, v in expected.items() if k[:3] in sessions}
    rows = gold(
        warehouse,
        "select season, round, session_code, driver_ref, "
        "qualifying_position, q1_ms, q2_ms, q3_ms, qualifying_source "
        "from gold.fct_qualifying",
    )
    got = keyed([r for r in rows if tuple(r[:3]) in sessions], 4)
    ranked: dict[Any, list[int]] = {}
    for key, value in got.items():
        ranked.setdefault(key[:3], []).append(value[0])

    def explain(key: Any, want: Row | None, have: Row | None) -> str | None:
        if want and have and (*key[:2], want[0]) in duplicates and want[1:] == have[1:]:
            positions = ranked[key[:3]]
            if sorted(positions) == list(range(1, len(positions) + 1)):
                return DUPLICATE
        return None

    report = compare(Report(name), expected, got, explain)
    report.notes += notes
    return report


def check_qualifying_csv(warehouse: Path, load: Loader) -> Report:
    """Every qualifying.csv row (a session Fast-F1's results also rank: Fast-F1's values)."""
    scope = {k[:3] for k in _csv_rows()}
    return _check(warehouse, load, "qualifying.csv rows", scope)


def check_fastf1_qualifying(warehouse: Path, load: Loader) -> Report:
    return _check(warehouse, load, "Fast-F1 qualifying sessions", None)


def test_qualifying_csv(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_qualifying_csv(history_warehouse, fastf1_full).assert_ok()


def test_fastf1_qualifying(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_fastf1_qualifying(history_warehouse, fastf1_full).assert_ok()
