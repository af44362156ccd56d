"""Truth: one team per season everywhere, and no NULL keys.

0 split team/season pairs: within a season one team_name per constructor_ref and one
constructor_ref per team_name, across fct_results, fct_qualifying, fct_pit_stops and the
standings (tables without team_name take it from dim_teams). 0 rows with a NULL driver_ref in
any fact, standings or career; constructor_ref never NULL on race/sprint/qualifying/standings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.transform.truth.support import Report, gold

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

TEAM_TABLES = (
    "fct_results",
    "fct_qualifying",
    "fct_pit_stops",
    "fct_driver_standings",
    "fct_constructor_standings",
)
DRIVER_TABLES = (
    "fct_results",
    "fct_qualifying",
    "fct_pit_stops",
    "fct_driver_standings",
    "driver_career",
)
CONSTRUCTOR_TABLES = {
    "fct_results": "session_code in ('R', 'S', 'Q', 'SQ', 'SS')",
    "fct_qualifying": "true",
    "fct_constructor_standings": "true",
}


def _columns(warehouse: Path, table: str) -> set[str]:
    rows = gold(
        warehouse,
        "select column_name from information_schema.columns "
        "where table_schema = 'gold' and table_name = ?",
        [table],
    )
    return {r[0] for r in rows}


def check_split_teams(warehouse: Path) -> Report:
    selects = []
    for table in TEAM_TABLES:
        columns = _columns(warehouse, table)
        assert columns, f"gold.{table} missing"
        if "constructor_ref" not in columns:
            continue
        if "team_name" in columns:
            selects.append(
                f"select season, constructor_ref, team_name, '{table}' as t from gold.{table}"
            )
        else:
            selects.append(
                f"select f.season, f.constructor_ref, d.team_name, '{table}' as t "
                f"from gold.{table} f left join gold.dim_teams d "
                f"using (season, constructor_ref)"
            )
    union = " union all ".join(selects)
    report = Report("team/season pairs not split (one name per ref, one ref per name)")
    for by, other in (("constructor_ref", "team_name"), ("team_name", "constructor_ref")):
        for season, key, values, tables in gold(
            warehouse,
            f"select season, {by}, list(distinct {other}), list(distinct t) from ({union}) "
            f"where {by} is not null group by all",
        ):
            report.total += 1
            if len(values) == 1 and values[0] is not None:
                report.agree += 1
            else:
                report.unexplained.append(f"{season} {by}={key}: {values} in {tables}")
    return report


def check_no_null_keys(warehouse: Path) -> Report:
    report = Report("fact/standings/career rows with driver_ref and constructor_ref set")
    checks = [(t, "driver_ref", "true") for t in DRIVER_TABLES]
    checks += [(t, "constructor_ref", where) for t, where in CONSTRUCTOR_TABLES.items()]
    for table, column, where in checks:
        total, nulls = gold(
            warehouse,
            f"select count(*), count(*) filter (where {column} is null) from gold.{table} "
            f"where {where}",
        )[0]
        report.total += total
        report.agree += total - nulls
        if nulls:
            report.unexplained.append(f"gold.{table}: {nulls} rows with NULL {column}")
        report.notes.append(f"gold.{table}.{column}: {total - nulls} of {total} set")
    return report


def test_split_teams(history_warehouse: Path) -> None:
    check_split_teams(history_warehouse).assert_ok()


def test_no_null_keys(history_warehouse: Path) -> None:
    check_no_null_keys(history_warehouse).assert_ok()
