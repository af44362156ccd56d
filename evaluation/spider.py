"""The Spider benchmark's formula_1 questions as copilot evaluation items, with expected answers
computed here from the Ergast CSVs, never from our warehouse.

Spider's formula_1 database is an Ergast snapshot with Ergast's own table and column names, so
its gold SQL runs (transpiled from SQLite to DuckDB by sqlglot) on an in-memory database made
from `../shared/data/ergast/tracinginsights-racedata/` (races, drivers, results, pitStops, ...).
Each result becomes an item of `../shared/tools/answer_judge.py`, the judge the held-out sets are
scored with: one row -> every value must appear in the answer's first rows; several rows -> every
row's first value must appear (a list). Questions whose tables are not in the CSVs (lapTimes) or
whose result is empty or longer than MAX_ROWS are reported as skipped, never silently dropped.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

SHARED = Path(__file__).resolve().parents[2] / "shared"
QUESTIONS = SHARED / "data" / "text2sql-formula1" / "spider_train_formula1.json"
ERGAST = SHARED / "data" / "ergast" / "tracinginsights-racedata"
JUDGE = SHARED / "tools" / "answer_judge.py"
TABLES = {  # Spider's table name -> the Ergast CSV
    "races": "races",
    "drivers": "drivers",
    "results": "results",
    "pitStops": "pit_stops",
    "driverStandings": "driver_standings",
    "constructorStandings": "constructor_standings",
    "constructorResults": "constructor_results",
    "constructors": "constructors",
    "circuits": "circuits",
    "qualifying": "qualifying",
    "status": "status",
    "seasons": "seasons",
}
MAX_ROWS = 100


@dataclass(frozen=True)
class SpiderItem:
    """One question with its judge item (None when it cannot be scored: `skipped` says why)."""

    id: str
    question: str
    gold_sql: str
    judge_item: dict[str, Any] | None
    skipped: str = ""


def ergast_database(folder: Path = ERGAST) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with Spider's formula_1 tables loaded from the Ergast CSVs, each
    column typed BIGINT, DOUBLE or VARCHAR by what all of its values are."""
    con = duckdb.connect(":memory:")
    for table, name in TABLES.items():
        path = str(folder / f"{name}.csv").replace("'", "''")
        con.execute(
            f"CREATE TEMP VIEW raw AS SELECT * FROM read_csv('{path}', header = true, "
            "nullstr = '\\N', null_padding = true, all_varchar = true, quote = '\"')"
        )
        typed = []
        for (column,) in con.execute("SELECT column_name FROM (DESCRIBE raw)").fetchall():
            quoted = '"' + column.replace('"', '""') + '"'
            kind = "VARCHAR"
            for candidate in ("BIGINT", "DOUBLE"):
                bad = con.execute(
                    f"SELECT count(*) FROM raw WHERE {quoted} IS NOT NULL "
                    f"AND TRY_CAST({quoted} AS {candidate}) IS NULL"
                ).fetchone()
                if bad and bad[0] == 0:
                    kind = candidate
                    break
            typed.append(f"CAST({quoted} AS {kind}) AS {quoted}")
        con.execute(f'CREATE TABLE "{table}" AS SELECT {", ".join(typed)} FROM raw')
        con.execute("DROP VIEW raw")
    return con


def token(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def judge_item(question: str, rows: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    """The answer_judge item for a gold result (None: no scorable answer)."""
    values = [[v for v in row if v is not None] for row in rows]
    if not rows or not any(values) or len(rows) > MAX_ROWS:
        return None
    if len(rows) == 1:
        return {"q": question, "all": [[token(v)] for v in values[0]]}
    firsts = list(dict.fromkeys(token(row[0]) for row in values if row))
    return {"q": question, "all": [[v] for v in firsts]}


def sqlite_strings(sql: str) -> str:
    """Spider's SQLite gold SQL writes strings in double quotes ("German"): single quotes."""
    return re.sub(r'"([^"]*)"', lambda m: "'" + m.group(1).replace("'", "''") + "'", sql)


def loose_group_by(select: exp.Select) -> None:
    """SQLite lets a grouped query select (and order by) columns it did not group by; DuckDB
    needs them in any_value()."""
    grouped = {g.sql() for g in (select.args.get("group") or exp.Group()).expressions}
    if not grouped:
        return
    for column in [*select.find_all(exp.Column)]:
        inside_aggregate = isinstance(column.find_ancestor(exp.AggFunc, exp.Select), exp.AggFunc)
        clause = column.find_ancestor(exp.Group, exp.Join, exp.Where, exp.From)
        if column.sql() in grouped or inside_aggregate or clause is not None:
            continue
        if column.find_ancestor(exp.Select) is not select:
            continue
        wrapped: exp.Expr = exp.AnyValue(this=column.copy())
        if isinstance(column.parent, exp.Select):
            wrapped = exp.alias_(wrapped, column.name)
        column.replace(wrapped)


def duckdb_sql(gold: str) -> str:
    """Spider's SQLite gold SQL as DuckDB runs it."""
    tree = sqlglot.parse_one(sqlite_strings(gold), read="sqlite")
    for select in list(tree.find_all(exp.Select)):
        loose_group_by(select)
    return tree.sql(dialect="duckdb")


def load_items(path: Path = QUESTIONS, folder: Path = ERGAST) -> list[SpiderItem]:
    con = ergast_database(folder)
    items = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        question, gold = entry["question"], entry["gold_sql"]
        try:
            sql = duckdb_sql(gold)
            rows = con.execute(sql).fetchmany(MAX_ROWS + 1)
        except (duckdb.Error, sqlglot.errors.SqlglotError) as error:
            reason = f"gold SQL does not run on the Ergast CSVs ({type(error).__name__})"
            items.append(SpiderItem(entry["id"], question, gold, None, reason))
            continue
        item = judge_item(question, rows)
        reason = "" if item else f"gold answer empty or over {MAX_ROWS} rows"
        items.append(SpiderItem(entry["id"], question, gold, item, reason))
    con.close()
    return items


def answer_judge() -> ModuleType:
    """The shared judge (`right(item, status, text)`), loaded from ../shared/tools."""
    spec = importlib.util.spec_from_file_location("answer_judge", JUDGE)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(JUDGE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
