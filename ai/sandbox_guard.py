"""The guard's second half, asked of DuckDB itself inside the sandbox worker: what a query reads
is decided by DuckDB's own binder and parser, never by Python's idea of a name.

- `check_plan`: DuckDB binds and plans the query (`EXPLAIN (FORMAT JSON)`); every scan in the
  physical plan must be a served silver/gold table of the attached warehouse, and no operator
  may be a table function (the system views `duckdb_tables`, `information_schema.*`,
  `pg_catalog.*` and `sqlite_master` are table functions underneath, so they show up here
  whatever name or CTE trick reached them).
- `check_functions`: DuckDB's own parse (`json_serialize_sql`) of the statement; each function
  it calls must map, through sqlglot, to a function of ai.validation_functions' allowlist, with
  no schema or catalog, and functions that call an aggregate by name are checked by that value.
- `Scrubber`: DuckDB's error text, minus suggestions ("Did you mean ..."), the statement echo and
  anything naming an object outside the served tables or the warehouse's path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from ai.validation import DIALECT, ServedSchema, SqlRejectedError, reject
from ai.validation_functions import (
    ALLOWED_FUNCTIONS,
    BY_NAME_AGGREGATES,
    BY_NAME_CALLERS,
    function_name,
)
from f1lake.warehouse import detect_schemas

CALLS = ("FUNCTION", "AGGREGATE", "WINDOW")
OUTSIDE = "the query reads something other than the served silver/gold tables"
SUGGESTION = re.compile(
    r"(Did you mean|Candidate (bindings|tables|functions)|LINE \d+:|Stack Trace).*$", re.S | re.I
)


@dataclass(frozen=True)
class ServedCatalog:
    """What the attached warehouse serves (as DuckDB names it) and what it must not show."""

    schema: ServedSchema
    scans: frozenset[str]  # "wh.gold.fct_laps", as EXPLAIN names a scanned table
    hidden: frozenset[str]  # names of everything else in the warehouse (schemas, tables)
    path: str


def served_catalog(con: duckdb.DuckDBPyConnection, alias: str, path: str) -> ServedCatalog:
    """Read the served schemas' tables and columns from the attached warehouse (our query,
    not the model's)."""
    served = detect_schemas(con, alias).names()
    tables: dict[str, dict[str, dict[str, str]]] = {}
    rows = con.execute(
        "select schema_name, table_name, column_name, data_type from duckdb_columns() "
        "where database_name = ? order by schema_name, table_name, column_index",
        [alias],
    ).fetchall()
    hidden: set[str] = set()
    for schema, table, column, dtype in rows:
        if schema in served:
            tables.setdefault(schema, {}).setdefault(table, {})[column] = dtype
        else:
            hidden.update((schema, table))
    names = con.execute("select schema_name from duckdb_schemas() where database_name = ?", [alias])
    hidden.update(s for (s,) in names.fetchall() if s not in served)
    hidden.difference_update(
        {n for schema, cols in tables.items() for t, c in cols.items() for n in (schema, t, *c)}
    )
    scans = frozenset(f"{alias}.{s}.{t}" for s, ts in tables.items() for t in ts)
    return ServedCatalog(ServedSchema(tables), scans, frozenset(hidden), path)


def plan_nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from plan_nodes(item)
    elif isinstance(node, dict):
        yield node
        yield from plan_nodes(node.get("children", []))


def check_plan(cursor: duckdb.DuckDBPyConnection, sql: str, served: ServedCatalog) -> None:
    """DuckDB binds the query; every table it scans is served, no table function runs."""
    row = cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchone()
    plan = json.loads(row[1]) if row else []
    for node in plan_nodes(plan):
        info = node.get("extra_info") or {}
        if not isinstance(info, dict):
            continue
        if "Function" in info:
            raise reject(f"{OUTSIDE} (a table function)")
        table = info.get("Table")
        if table is not None and table not in served.scans:
            raise reject(OUTSIDE)


def expression_nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from expression_nodes(item)
    elif isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, (list, dict)):
                yield from expression_nodes(value)


@lru_cache(maxsize=4096)
def sqlglot_key(name: str) -> str | None:
    """The allowlist key sqlglot gives DuckDB's function `name` (None: sqlglot cannot read it)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        return None
    for arity in range(1, 5):
        try:
            tree = sqlglot.parse_one(f"SELECT {name}({', '.join(['1'] * arity)})", dialect=DIALECT)
        except (SqlglotError, ValueError, IndexError, TypeError):
            continue
        found = tree.expressions[0] if tree.expressions else None
        while isinstance(found, exp.Alias | exp.IgnoreNulls | exp.RespectNulls):
            found = found.this  # sqlglot reads DuckDB's any_value(x) as IGNORE NULLS any_value
        if isinstance(found, exp.Func):
            return function_name(found)
    return None


def check_functions(cursor: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Every function in DuckDB's own parse of the statement is on the allowlist."""
    row = cursor.execute("SELECT json_serialize_sql(?::VARCHAR)", [sql]).fetchone()
    tree = json.loads(row[0]) if row else {}
    if tree.get("error") or len(tree.get("statements", [])) != 1:
        raise reject("DuckDB cannot parse the checked SQL as one query")
    for node in expression_nodes(tree.get("statements", [])):
        if "function_name" not in node or node.get("class") not in CALLS:
            continue
        name = str(node["function_name"])
        if node.get("schema") or node.get("catalog"):
            raise reject(f"function {name[:40]}() may not be qualified")
        if node.get("is_operator") or not re.search(r"\w", name):
            continue
        lowered = name.lower() if name.isascii() else name
        if lowered in BY_NAME_CALLERS:
            check_called_by_name(node, lowered)
        key = sqlglot_key(lowered)
        if key not in ALLOWED_FUNCTIONS and lowered not in ALLOWED_FUNCTIONS:
            raise reject(f"function {name[:40]}() is not allowed")


def check_called_by_name(node: dict[str, Any], name: str) -> None:
    arguments = node.get("children") or [a.get("expression") for a in node.get("arguments", [])]
    called = arguments[1] if len(arguments) > 1 and isinstance(arguments[1], dict) else {}
    literal = called.get("value") or called.get("literal") or {}
    text = literal.get("text") if isinstance(literal, dict) else None
    if called.get("class") != "CONSTANT" or text not in BY_NAME_AGGREGATES:
        raise reject(f"{name}() may only call an allowed aggregate by a literal name")


class Scrubber:
    """DuckDB's message for a query that failed, with nothing about objects it may not see."""

    def __init__(self, served: ServedCatalog) -> None:
        self.served = served
        words = "|".join(re.escape(w) for w in sorted(served.hidden, key=len, reverse=True) if w)
        system = "information_schema|pg_catalog|duckdb_\\w+|sqlite_\\w+|pragma_\\w+|system|temp"
        self.hidden = re.compile(rf"\b({words + '|' if words else ''}{system})\b", re.I)

    def message(self, error: BaseException) -> str:
        text = SUGGESTION.sub("", str(error))
        text = " ".join(text.split())[:300]
        kind = text.split(":", 1)[0] if ":" in text[:40] else "Error"
        if (self.served.path and self.served.path in text) or self.hidden.search(text):
            return f"{kind}: the query refers to something that is not a served table or column"
        return text or kind


def rejection(error: SqlRejectedError) -> str:
    return " ".join(str(error).split())[:300]
