"""Checks SQL from the model on its parsed tree (sqlglot, DuckDB dialect), never on strings.

A statement passes only when it is exactly one query (SELECT, set operation or WITH) over the
served silver/gold tables, with no DML/DDL/command node anywhere in the tree (CTEs included), no
table functions, no function that reaches files, settings or the system, only existing columns,
and a LIMIT no larger than the configured maximum. The SQL that runs is sqlglot's re-rendering of
the checked tree (comments dropped), never the model's original text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

import sqlglot
from sqlglot import exp
from sqlglot.errors import OptimizeError, SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.schema import MappingSchema

log = logging.getLogger(__name__)
# Hostile input makes sqlglot warn ("falling back to Command"); the rejection says enough.
logging.getLogger("sqlglot").setLevel(logging.ERROR)
DIALECT = "duckdb"
SANDBOX_CATALOG = "wh"

FORBIDDEN_NODES: tuple[type, ...] = (
    exp.DML, exp.DDL, exp.Command, exp.Copy, exp.Attach, exp.Detach, exp.Pragma, exp.Set,
    exp.Use, exp.Install, exp.Describe, exp.Summarize, exp.Show, exp.Transaction, exp.Commit,
    exp.Rollback, exp.Into, exp.LoadData, exp.Export, exp.Merge, exp.Cache, exp.Uncache,
    exp.Refresh, exp.Kill, exp.Alter, exp.Declare, exp.Grant, exp.Revoke, exp.Analyze,
    exp.Lateral, exp.TableFromRows,
)  # fmt: skip

# Functions that read files, touch settings/extensions/the catalog, or generate unbounded rows.
DENIED_FUNCTIONS = frozenset(
    {
        "range", "generate_series", "glob", "query", "query_table", "getenv", "current_setting",
        "getvariable", "setvariable", "install", "load", "checkpoint", "force_checkpoint",
        "sql_auto_complete", "which_secret", "sniff_csv", "read_text", "read_blob", "read_csv",
        "read_csv_auto", "read_parquet", "read_json", "read_json_auto", "read_ndjson",
        "parquet_scan", "parquet_metadata", "parquet_schema", "iceberg_scan", "delta_scan",
        "current_schemas", "current_database", "current_catalog", "pg_catalog", "system",
        "repeat_row", "export_database", "import_database",
    }
)  # fmt: skip
DENIED_PREFIXES = ("read_", "parquet_", "duckdb_", "pragma_", "write_", "iceberg_", "delta_",
                   "http", "sqlite_", "postgres_", "mysql_", "json_execute", "enable_",
                   "disable_", "test_", "icu_")  # fmt: skip


class SqlRejectedError(ValueError):
    """The SQL is not allowed; the message is one line saying why."""


@dataclass(frozen=True)
class ServedSchema:
    """Served tables: {schema: {table: {column: duckdb type}}}, schemas `silver` and `gold`."""

    tables: dict[str, dict[str, dict[str, str]]]

    @cached_property
    def mapping(self) -> MappingSchema:
        """sqlglot's schema object, built once (building it costs more than checking a query)."""
        return MappingSchema(dict(self.tables), dialect=DIALECT)

    def has(self, schema: str, table: str) -> bool:
        return table in self.tables.get(schema, {})

    def schemas_with(self, table: str) -> list[str]:
        return [s for s in ("gold", "silver", *self.tables) if table in self.tables.get(s, {})]


@dataclass(frozen=True)
class ValidatedSql:
    """A checked query, rendered back to SQL, and what validation changed."""

    sql: str
    limit: int
    tables: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def reject(reason: str) -> SqlRejectedError:
    return SqlRejectedError(" ".join(reason.split())[:300])


def parse_single(sql: str) -> exp.Expr:
    """Exactly one statement (empty statements from stray semicolons are ignored)."""
    if not sql or not sql.strip():
        raise reject("empty SQL")
    try:
        statements = [s for s in sqlglot.parse(sql, dialect=DIALECT) if s is not None]
    except SqlglotError as error:
        raise reject(f"SQL does not parse: {str(error).splitlines()[0]}") from error
    if len(statements) != 1:
        raise reject(f"exactly one statement is allowed, got {len(statements)}")
    return statements[0]


def check_nodes(tree: exp.Expr) -> None:
    if not isinstance(tree, exp.Query):
        raise reject(f"only queries (SELECT/WITH/UNION) are allowed, got {tree.key.upper()}")
    for node in tree.walk():
        if isinstance(node, FORBIDDEN_NODES):
            raise reject(f"{node.key.upper()} is not allowed: queries only")
        if isinstance(node, exp.With) and node.args.get("recursive"):
            raise reject("recursive CTEs are not allowed")
        if isinstance(node, exp.Unnest) and isinstance(node.parent, (exp.From, exp.Join)):
            raise reject("table functions are not allowed (UNNEST in FROM)")
        if isinstance(node, exp.Func):
            check_function(node)


def function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def check_function(node: exp.Func) -> None:
    name = function_name(node)
    if name in DENIED_FUNCTIONS or name.startswith(DENIED_PREFIXES):
        raise reject(f"function {name}() is not allowed")


def cte_names(tree: exp.Expr) -> set[str]:
    return {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}


def check_tables(tree: exp.Expr, schema: ServedSchema) -> tuple[str, ...]:
    """Only served tables; unqualified names are qualified when unambiguous."""
    ctes = cte_names(tree)
    used: list[str] = []
    for table in list(tree.find_all(exp.Table)):
        if not isinstance(table.this, exp.Identifier):
            raise reject("table functions are not allowed in FROM/JOIN")
        name, db, catalog = table.name, table.db, table.catalog
        if catalog and catalog.lower() != SANDBOX_CATALOG:
            raise reject(f"catalog {catalog} is not allowed")
        if not db:
            if name.lower() in ctes:
                continue
            candidates = schema.schemas_with(name)
            if not candidates:
                raise reject(f"unknown table {name}: use the served silver/gold tables")
            table.set("db", exp.to_identifier(candidates[0]))
            db = candidates[0]
        if not schema.has(db, name):
            raise reject(f"table {db}.{name} is not a served silver/gold table")
        table.set("catalog", None)
        used.append(f"{db}.{name}")
    if not used:
        raise reject("the query must read at least one served silver/gold table")
    return tuple(dict.fromkeys(used))


def check_columns(tree: exp.Expr, schema: ServedSchema) -> None:
    try:
        qualify(
            tree.copy(),
            schema=schema.mapping,
            dialect=DIALECT,
            validate_qualify_columns=True,
            quote_identifiers=False,
        )
    except (OptimizeError, SqlglotError) as error:
        raise reject(f"column check failed: {str(error).splitlines()[0]}") from error


def apply_limit(tree: exp.Query, max_rows: int) -> tuple[int, str | None]:
    """Add a LIMIT or clamp the existing one (FETCH FIRST becomes a LIMIT)."""
    fetch = tree.args.get("fetch")
    requested: exp.Expr | None = None
    if isinstance(fetch, exp.Fetch):
        requested = fetch.args.get("count")
        tree.set("fetch", None)
    limit = tree.args.get("limit")
    if isinstance(limit, exp.Limit):
        requested = limit.expression
    value: int | None = None
    if isinstance(requested, exp.Literal) and not requested.is_string:
        try:
            value = int(str(requested.this))
        except ValueError:
            value = None
    if value is not None and 0 <= value <= max_rows:
        tree.set("limit", exp.Limit(expression=exp.Literal.number(value)))
        return value, None
    tree.set("limit", exp.Limit(expression=exp.Literal.number(max_rows)))
    if requested is None:
        return max_rows, f"LIMIT {max_rows} added"
    return max_rows, f"LIMIT clamped to {max_rows}"


def validate_sql(sql: str, schema: ServedSchema, max_rows: int) -> ValidatedSql:
    """Check one model-written query; raise SqlRejectedError with a one-line reason."""
    tree = parse_single(sql)
    check_nodes(tree)
    assert isinstance(tree, exp.Query)
    tables = check_tables(tree, schema)
    check_columns(tree, schema)
    limit, note = apply_limit(tree, max_rows)
    rendered = tree.sql(dialect=DIALECT, comments=False)
    return ValidatedSql(sql=rendered, limit=limit, tables=tables, notes=(note,) if note else ())
