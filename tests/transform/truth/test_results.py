"""Truth: gold.fct_results (race 'R' and sprint 'S' rows) against every results.csv and
sprint_results.csv entry, against Fast-F1 for the sessions the CSVs lack, and how Fast-F1's
finishing order agrees where both sources have the session (gold follows Ergast there).

Expected values per entry: driver_ref, constructor_ref, classified_position (= positionText),
finish_position (positionText when numeric: 2025's Jolpica rows give retired cars a numeric
`position`, not a classification), position_order, grid (0 = pit lane / no grid -> NULL),
points, laps, status. A driver's two entries in one race (1950s shared drives) are both kept:
entries are matched per driver in positionOrder order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.transform.truth.fastf1_support import (
    Loader,
    blank,
    entries,
    number,
    result_rows,
)
from tests.transform.truth.support import Report, Row, compare, csv, gold, keyed, numbered

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

COLUMNS = (
    "driver_ref, constructor_ref, classified_position, finish_position, position_order, "
    "grid_position, points, laps_completed, status"
)
UNCLASSIFIED = "Fast-F1 has no classification of this session (timing order only)"
ERGAST_SAYS = "the sources differ; gold keeps the Ergast sheet (precedence), as the CSV says"


def _ergast_rows(table: str) -> list[Row]:
    return csv(
        f"select r.year, r.round, d.driverRef, c.constructorRef, x.positionText, "
        f"case when regexp_full_match(x.positionText, '\\d+') then cast(x.positionText as int) "
        f"end, x.positionOrder, nullif(x.grid, 0), x.points, x.laps, s.status "
        f"from {table} x join races r using (raceId) join drivers d using (driverId) "
        f"join constructors c using (constructorId) join status s using (statusId) "
        f"order by r.year, r.round, d.driverRef, x.positionOrder, x.resultId"
    )


def _check_csv(warehouse: Path, table: str, code: str) -> Report:
    expected = numbered(_ergast_rows(table), 3)
    races = {key[:2] for key in expected}
    rows = gold(
        warehouse,
        f"select season, round, {COLUMNS} from gold.fct_results where session_code = ? "
        f"order by season, round, driver_ref, position_order",
        [code],
    )
    got = numbered([r for r in rows if tuple(r[:2]) in races], 3)
    report = compare(Report(f"{table}.csv entries (session {code})"), expected, got)
    report.notes.append(f"{len(races)} sessions, {len(expected)} entries in the CSV")
    return report


def check_results_csv(warehouse: Path) -> Report:
    return _check_csv(warehouse, "results", "R")


def check_sprint_results_csv(warehouse: Path) -> Report:
    return _check_csv(warehouse, "sprint_results", "S")


def _csv_sessions() -> set[tuple[int, int, str]]:
    rows = csv(
        "select distinct year, round, 'R' from results join races using (raceId) union "
        "select distinct year, round, 'S' from sprint_results join races using (raceId)"
    )
    return {(int(a), int(b), str(c)) for a, b, c in rows}


def _fastf1_expected(load: Loader, entry: dict[str, Any]) -> dict[Any, Row]:
    out = {}
    for row in result_rows(load, entry):
        text = None if blank(row["ClassifiedPosition"]) else str(row["ClassifiedPosition"])
        finish = int(text) if text and text.isdigit() else None
        key = (entry["year"], entry["round"], entry["code"], row["driver_ref"])
        out[key] = (
            row["constructor_ref"],
            text,
            finish,
            number(row["GridPosition"]) or None,
            None if blank(row["Points"]) else float(row["Points"]),
            number(row["Laps"]),
            None if blank(row["Status"]) else str(row["Status"]),
        )
    return out


def check_fastf1_only_results(warehouse: Path, load: Loader) -> Report:
    """Race and sprint sessions Fast-F1 has and the CSVs lack: gold = Fast-F1's results."""
    report = Report("Fast-F1-only race/sprint results")
    have = _csv_sessions()
    for entry in entries("Race", "Sprint"):
        if (entry["year"], entry["round"], entry["code"]) in have or not entry["results"]:
            continue
        expected = _fastf1_expected(load, entry)
        results = result_rows(load, entry)
        unclassified = all(blank(r["ClassifiedPosition"]) for r in results)
        timing = {r["driver_ref"]: number(r["Position"]) for r in results}
        got = keyed(
            gold(
                warehouse,
                "select season, round, session_code, driver_ref, constructor_ref, "
                "classified_position, finish_position, grid_position, points, laps_completed, "
                "status from gold.fct_results where season = ? and round = ? "
                "and session_code = ?",
                [entry["year"], entry["round"], entry["code"]],
            ),
            4,
        )

        def explain(
            key: Any,
            want: Row | None,
            have_: Row | None,
            unclassified: bool = unclassified,
            timing: dict[Any, int | None] = timing,
        ) -> str | None:
            # gold may carry Fast-F1's timing order where no classification exists: proven by
            # the session having no ClassifiedPosition at all and gold = Fast-F1's Position
            if unclassified and want and have_ and want[:2] + want[3:] == have_[:2] + have_[3:]:
                return UNCLASSIFIED if have_[2] == timing[key[3]] else None
            return None

        compare(report, expected, got, explain)
        report.notes.append(f"{entry['year']}-{entry['round']:02d}-{entry['code']}: compared")
    return report


def check_fastf1_order_where_both(warehouse: Path, load: Loader) -> Report:
    """Where both sources have a race/sprint, Fast-F1's classification (ClassifiedPosition)
    against gold's (which follows Ergast): agreement printed, differences named."""
    report = Report("Fast-F1 classification vs gold where both have the session")
    have = _csv_sessions()
    for entry in entries("Race", "Sprint"):
        if (entry["year"], entry["round"], entry["code"]) not in have or not entry["results"]:
            continue
        results = result_rows(load, entry)
        unclassified = all(blank(r["ClassifiedPosition"]) for r in results)
        expected = {
            (entry["year"], entry["round"], entry["code"], r["driver_ref"]): (
                None if blank(r["ClassifiedPosition"]) else str(r["ClassifiedPosition"]),
            )
            for r in results
        }
        got = keyed(
            gold(
                warehouse,
                "select season, round, session_code, driver_ref, classified_position "
                "from gold.fct_results where season = ? and round = ? and session_code = ?",
                [entry["year"], entry["round"], entry["code"]],
            ),
            4,
        )
        table = "results" if entry["code"] == "R" else "sprint_results"
        sheet = {
            (entry["year"], entry["round"], entry["code"], str(ref)): (str(text),)
            for ref, text in csv(
                f"select d.driverRef, x.positionText from {table} x join races r using (raceId) "
                "join drivers d using (driverId) where r.year = ? and r.round = ?",
                [entry["year"], entry["round"]],
            )
        }

        def explain(
            key: Any,
            want: Row | None,
            have_: Row | None,
            unclassified: bool = unclassified,
            sheet: dict[Any, Row] = sheet,
        ) -> str | None:
            if unclassified:
                return UNCLASSIFIED
            return ERGAST_SAYS if have_ is not None and sheet.get(key) == have_ else None

        compare(report, expected, got, explain)
    return report


def test_results_csv(history_warehouse: Path) -> None:
    check_results_csv(history_warehouse).assert_ok()


def test_sprint_results_csv(history_warehouse: Path) -> None:
    check_sprint_results_csv(history_warehouse).assert_ok()


def test_fastf1_only_results(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_fastf1_only_results(history_warehouse, fastf1_full).assert_ok()


def test_fastf1_order_where_both(history_warehouse: Path, fastf1_full: Loader) -> None:
    check_fastf1_order_where_both(history_warehouse, fastf1_full).assert_ok()
