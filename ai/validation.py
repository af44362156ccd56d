"""Checks SQL from the model on its parsed tree (sqlglot, DuckDB dialect), never on strings.

Before parsing, the raw text is capped (characters, nesting depth, items per bracket) by a
linear scan, and the parser runs under a recursion guard. A statement then passes only when it is
exactly one query (SELECT, set operation or WITH) with no DML/DDL/command node anywhere in the
tree; every table reference, resolved in its own scope (sqlglot.optimizer.scope), is a CTE
visible there or a served silver/gold table; every function is on the allowlist of
ai.validation_functions with bounded sizing literals; only existing columns; a LIMIT no larger
than the configured maximum. The SQL that runs is sqlglot's re-rendering of the checked tree
(comments dropped), never the model's original text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property

import sqlglot
from sqlglot import exp
from sqlglot.errors import OptimizeError, SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import traverse_scope
from sqlglot.schema import MappingSchema

from ai.validation_functions import FunctionRejectedError, check_function, literal_int

log = logging.getLogger(__name__)
# Hostile input makes sqlglot warn ("falling back to Command"); the rejection says enough.
logging.getLogger("sqlglot").setLevel(logging.ERROR)
DIALECT = "duckdb"
SANDBOX_CATALOG = "wh"

FORBIDDEN_NODES: tuple[type, ...] = (
    exp.DML,
    exp.DDL,
    exp.Command,
    exp.Copy,
    exp.Attach,
    exp.Detach,
    exp.Pragma,
    exp.Set,
    exp.Use,
    exp.Install,
    exp.Describe,
    exp.Summarize,
    exp.Show,
    exp.Transaction,
    exp.Commit,
    exp.Rollback,
    exp.Into,
    exp.LoadData,
    exp.Export,
    exp.Merge,
    exp.Cache,
    exp.Uncache,
    exp.Refresh,
    exp.Kill,
    exp.Alter,
    exp.Declare,
    exp.Grant,
    exp.Revoke,
    exp.Analyze,
    exp.Lateral,
    exp.TableFromRows,
    exp.Placeholder,
    exp.Parameter,
    exp.SessionParameter,
)

# Caps checked on the raw text BEFORE parsing (the parser is recursive and not linear-time).
MAX_SQL_CHARS = 8_000  # the library's longest query is a few hundred characters
MAX_NESTING = 16  # brackets and CASE ... END, together
MAX_LIST_ITEMS = 500  # items in one bracket: IN lists, list literals, arguments, VALUES rows
MAX_TOTAL_ITEMS = 1_000  # items over the whole text
MAX_PIVOT_COLUMNS = 500  # aggregates x IN values of one PIVOT
MAX_SAMPLE_ROWS = 100_000  # USING SAMPLE n ROWS: a reservoir of n rows is allocated up front
MAX_TOKENS = 1_000  # words, numbers and symbols: bounds the parser's and checker's work
TOKEN = re.compile(r"\w+|[^\w\s]")
SCAN = re.compile(
    r"'(?:[^']|'')*'?|\"(?:[^\"]|\"\")*\"?|--[^\n]*|/\*.*?(?:\*/|$)|[()\[\]{},]|\b(?:case|end)\b",
    re.IGNORECASE | re.DOTALL,
)
OPENERS, CLOSERS = frozenset("([{"), frozenset(")]}")


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


def check_input_size(sql: str) -> None:
    """Cap characters, nesting depth and items per bracket on the raw text, in linear time."""
    if len(sql) > MAX_SQL_CHARS:
        raise reject(f"SQL longer than {MAX_SQL_CHARS} characters")
    items, total = [1], 0  # items of the top level, then of each open bracket
    for match in SCAN.finditer(sql):
        piece = match.group().lower()
        if piece in OPENERS or piece == "case":
            items.append(1)
            if len(items) > MAX_NESTING + 1:
                raise reject(f"SQL nested deeper than {MAX_NESTING} levels")
        elif piece in CLOSERS or piece == "end":
            if len(items) > 1:
                items.pop()
        elif piece == ",":
            items[-1] += 1
            total += 1
            if items[-1] > MAX_LIST_ITEMS:
                raise reject(f"a list of more than {MAX_LIST_ITEMS} items")
            if total > MAX_TOTAL_ITEMS:
                raise reject(f"more than {MAX_TOTAL_ITEMS} list items in all")
    if len(TOKEN.findall(sql)) > MAX_TOKENS:
        raise reject(f"SQL of more than {MAX_TOKENS} tokens")


def parse_single(sql: str) -> exp.Expr:
    """Exactly one statement (empty statements from stray semicolons are ignored)."""
    if not sql or not sql.strip():
        raise reject("empty SQL")
    check_input_size(sql)
    try:
        statements = [s for s in sqlglot.parse(sql, dialect=DIALECT) if s is not None]
    except SqlglotError as error:
        raise reject(f"SQL does not parse: {str(error).splitlines()[0]}") from error
    if len(statements) != 1:
        raise reject(f"exactly one statement is allowed, got {len(statements)}")
    return statements[0]


def check_sample(node: exp.TableSample) -> None:
    """USING SAMPLE / TABLESAMPLE: a literal size of at most MAX_SAMPLE_ROWS rows or 100 %."""
    size = node.args.get("size") or node.args.get("percent") or node.args.get("rows")
    value = literal_int(size) if isinstance(size, exp.Expr) else None
    bound = 100 if node.args.get("percent") or "%" in node.sql(dialect=DIALECT) else None
    if value is None or not 0 <= value <= (bound or MAX_SAMPLE_ROWS):
        raise reject(f"a sample needs a literal size of at most {MAX_SAMPLE_ROWS} rows")


def check_pivot(node: exp.Pivot) -> None:
    """A PIVOT's output width is its aggregates times the product of its IN lists: bounded
    before qualification, which copies every column into each scope that selects *."""
    width = max(1, len(node.expressions))
    for listed in node.args.get("fields") or []:
        width *= max(1, len(listed.expressions)) if isinstance(listed, exp.In) else 1
        if width > MAX_PIVOT_COLUMNS:
            raise reject(f"a PIVOT of more than {MAX_PIVOT_COLUMNS} columns")


def check_nodes(tree: exp.Expr) -> None:
    if not isinstance(tree, exp.Query):
        raise reject(f"only queries (SELECT/WITH/UNION) are allowed, got {tree.key.upper()}")
    for node in tree.walk():
        if isinstance(node, exp.Identifier) and not str(node.this).isascii():
            # DuckDB folds only ASCII letters; Python folds others too (the Kelvin sign is "k"):
            # a name whose meaning depends on whose folding applies is refused outright.
            raise reject("identifiers must be ASCII")
        if isinstance(node, exp.TableSample):
            check_sample(node)
        if isinstance(node, exp.Pivot):
            check_pivot(node)
        if isinstance(node, FORBIDDEN_NODES):
            raise reject(f"{node.key.upper()} is not allowed: queries only")
        if isinstance(node, exp.With) and node.args.get("recursive"):
            raise reject("recursive CTEs are not allowed")
        if isinstance(node, exp.Unnest) and isinstance(node.parent, (exp.From, exp.Join)):
            raise reject("table functions are not allowed (UNNEST in FROM)")
        if isinstance(node, exp.Func):
            try:
                check_function(node)
            except FunctionRejectedError as error:
                raise reject(str(error)) from error


def resolve_table(table: exp.Table, visible: set[str], schema: ServedSchema) -> str | None:
    """The served table this reference reads ("gold.x"), None for a CTE visible in its scope;
    anything else (system views, table functions, files, other catalogs) is refused."""
    if not isinstance(table.this, exp.Identifier):
        raise reject("table functions are not allowed in FROM/JOIN")
    name, db, catalog = table.name, table.db, table.catalog
    if catalog and catalog.lower() != SANDBOX_CATALOG:
        raise reject(f"catalog {catalog} is not allowed")
    if not db:
        if name.lower() in visible:
            return None
        candidates = schema.schemas_with(name)
        if not candidates:
            raise reject(f"unknown table {name}: use the served silver/gold tables")
        table.set("db", exp.to_identifier(candidates[0]))
        db = candidates[0]
    if not schema.has(db, name):
        raise reject(f"table {db}.{name} is not a served silver/gold table")
    table.set("catalog", None)
    return f"{db}.{name}"


def check_tables(tree: exp.Expr, schema: ServedSchema) -> tuple[str, ...]:
    """Each table reference, in ITS OWN scope (sqlglot.optimizer.scope), is a CTE visible there
    or a served table (unqualified served names are qualified); a name is never exempted by a
    CTE defined elsewhere in the tree."""
    used: list[str] = []
    seen: set[int] = set()
    for scope in traverse_scope(tree):
        visible = {name.lower() for name in scope.cte_sources}
        for table in scope.tables:
            seen.add(id(table))
            served = resolve_table(table, visible, schema)
            if served:
                used.append(served)
    if any(id(t) not in seen for t in tree.find_all(exp.Table)):
        raise reject("table reference outside any query scope")
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
    try:
        tree = parse_single(sql)
        check_nodes(tree)
        assert isinstance(tree, exp.Query)
        tables = check_tables(tree, schema)
        check_columns(tree, schema)
        limit, note = apply_limit(tree, max_rows)
        rendered = tree.sql(dialect=DIALECT, comments=False)
    except RecursionError as error:  # the parser's own guard: deep trees are refused
        raise reject("SQL nested too deeply to check") from error
    except SqlRejectedError:
        raise
    except Exception as error:  # a checker that fails, fails closed: the query does not run
        log.info("validation failed closed on %s", type(error).__name__, exc_info=True)
        raise reject(f"SQL could not be checked ({type(error).__name__})") from error
    return ValidatedSql(sql=rendered, limit=limit, tables=tables, notes=(note,) if note else ())
