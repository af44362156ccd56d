"""Hostile model replies, round 2: what an attacker of DuckDB + sqlglot tries once the first
corpus is refused. Each case is (category, sql); `{wh}` is the warehouse's path.

- fold: names that Python's case folding and DuckDB's identifier rules read differently (the
  Kelvin sign U+212A folds to "k" in Python, not in DuckDB; the long s U+017F; dotted I), aimed at
  DuckDB's system views from every place a table can stand;
- oracle: near-misses of internal names, whose error text must not name what it suggests;
- crash: shapes that once crashed the guard (set operations with bare operands, SHOW, DISTINCT ON a
  struct star, * RENAME with positional joins, garbled INTERVALs, star modifiers);
- byname: aggregates called by name (list_aggregate and its aliases), sizes unchecked;
- sizes: count and sample arguments in the billions (they poisoned the worker's database);
- budget: validation bombs (a PIVOT that expands to thousands of columns copied by SELECT * CTEs).
"""

from __future__ import annotations

D, L, T = "gold.dim_drivers", "gold.fct_laps", "gold.dim_teams"
K, S = "\u212a", "\u017f"  # KELVIN SIGN, LATIN SMALL LETTER LONG S
SYSTEM_VIEWS = [f"duckdb_{v}" for v in ("tables", "columns", "databases", "settings", "views")]


def folded(view: str) -> str:
    return view.replace("k", K, 1)


FOLD = [
    *(f"WITH {folded(v)} AS (SELECT 1 AS x) SELECT * FROM {v}, {D}" for v in SYSTEM_VIEWS),
    *(
        f"WITH {folded(v)} AS (SELECT 1 AS x) SELECT * FROM {D} WHERE EXISTS (SELECT 1 FROM {v})"
        for v in SYSTEM_VIEWS[:3]
    ),
    f"WITH {folded('duckdb_tables')} AS (SELECT 1 AS x) "
    f"SELECT (SELECT count(*) FROM duckdb_tables) AS n FROM {D}",
    f"WITH {folded('duckdb_tables')} AS (SELECT 1 AS x) "
    "SELECT * FROM (SELECT * FROM duckdb_tables)",
    f"WITH {folded('duckdb_databases')} AS (SELECT 1 AS x) "
    f"SELECT * FROM {D} POSITIONAL JOIN duckdb_databases",
    f"WITH {folded('duckdb_columns')} AS (SELECT 1 AS x) "
    f"SELECT driver_code AS x FROM {D} UNION BY NAME SELECT * FROM duckdb_columns",
    f"WITH {folded('duckdb_tables')} AS (SELECT 1 AS x) SELECT * FROM duckdb_tables t "
    f"JOIN {D} d ON true",
    f"WITH in{S}tance AS (SELECT 1 AS x) SELECT * FROM {D}",
    f"WITH information_{S}chema AS (SELECT 1 AS x) SELECT * FROM information_schema.tables",
    f"WITH pg_cla{S}{S} AS (SELECT 1 AS x) SELECT * FROM pg_class, {D}",
    f'WITH "{folded("duckdb_tables")}" AS (SELECT 1 AS x) SELECT * FROM "duckdb_tables", {D}',
    f"WITH \u0130nfo AS (SELECT 1 AS x) SELECT * FROM {D}, info",
    f"SELECT * FROM {D} AS {folded('duckdb_tables')}, duckdb_tables",
    f"WITH a AS (SELECT 1 AS x), {folded('duckdb_views')} AS (SELECT * FROM a) "
    f"SELECT * FROM duckdb_views",
    f"SELECT * FROM la{K}e.bronze_files",
    f"SELECT * FROM wh.la{K}e.bronze_files",
]
ORACLE = [
    "SELECT * FROM bronze_file",
    "SELECT * FROM bronze_files",
    "SELECT * FROM lake.bronze_file",
    "SELECT * FROM gold.bronze_files",
    'SELECT * FROM "lake"."bronze_files"',
    "SELECT * FROM wh.lake.bronze_files",
    "SELECT * FROM lake.model_lineag",
    "SELECT * FROM duckdb_table",
    "SELECT * FROM gold.dim_driver",
    f"SELECT bronze_file FROM {D}",
    f"SELECT lowr(driver_code) FROM {D}",
    f"SELECT driver_code.bronze_files FROM {D}",
    "SELECT * FROM information_schema.table",
    f"SELECT * FROM {D} d JOIN lake.bronze_files b ON true",
]
CRASH = [
    f"SELECT driver_code FROM {D} UNION {D}",
    f"SELECT driver_code FROM {D} UNION 1",
    f"SELECT driver_code FROM {D} UNION 'x'",
    f"SELECT driver_code FROM {D} EXCEPT ({D})",
    f"{D} UNION SELECT driver_code FROM {D}",
    "SHOW ALL",
    "SHOW TABLES",
    f"SHOW {D}",
    f"SELECT DISTINCT ON (s.*) * FROM (SELECT {{'a': driver_code}} AS s FROM {D}) t",
    f"SELECT DISTINCT ON (d.*) * FROM {D} d",
    f"SELECT * RENAME (driver_code AS x) FROM {D} POSITIONAL JOIN {T}",
    f"SELECT * RENAME (season AS s) FROM {D} a POSITIONAL JOIN {T} b POSITIONAL JOIN {D} c",
    f"SELECT INTERVAL 'garbage' AS x FROM {D}",
    f"SELECT INTERVAL (1) garbage AS x FROM {D}",
    f"SELECT INTERVAL '1' DAY DAY AS x FROM {D}",
    f"SELECT * EXCLUDE (nope) FROM {D}",
    f"SELECT * REPLACE (1 AS nope) FROM {D}",
    f"SELECT COLUMNS('.*') FROM {D}",
    f"SELECT max(COLUMNS(*)) FROM {D}",
    f"SELECT struct_pack(a := 1).* FROM {D}",
    f"SELECT x.* FROM {D}",
    f"FROM {D} SELECT *",
    f"TABLE {D}",
    "VALUES (1)",
    f"SELECT * FROM {D} ORDER BY ALL",
    f"SELECT * FROM {D} QUALIFY 1",
    f"SELECT * FROM {D} WINDOW w AS ()",
    f"SELECT * FROM {D} LIMIT ALL",
    f"SELECT * FROM {D} LIMIT 10%",
    f"SELECT * FROM {D} OFFSET -1",
    f"SELECT * FROM {D} LIMIT 'x'",
    f"SELECT [1, 2][1:] FROM {D}",
    f"SELECT * FROM {D} GROUP BY CUBE (driver_code, first_name)",
    f"SELECT (SELECT *) FROM {D}",
    f"SELECT ?::INT FROM {D}",
    f"SELECT $1 FROM {D}",
]
BYNAME = [
    f"SELECT list_aggregate([lap_time_ms], 'reservoir_quantile', 0.5, 3000000000) FROM {L}",
    f"SELECT list_aggr([lap_time_ms], 'approx_top_k', 1000000000) FROM {L}",
    f"SELECT array_aggregate([1], 'histogram') FROM {D}",
    f"SELECT aggregate([driver_code], 'string_agg', repeat('x', 1000000)) FROM {D}",
    f"SELECT list_aggregate([1], lower('MAX')) FROM {D}",
    f"SELECT list_aggregate([1], driver_code) FROM {D}",
    f"SELECT list_aggregate([1], 'MAX') FROM {D}",
    f"SELECT list_aggregate([1], 'ma{K}') FROM {D}",
    f"SELECT list_aggregate([1], 'max', 1000000000) FROM {D}",
    f"SELECT list_aggr([1], 'arg_max', 1, 1000000000) FROM {D}",
    f"SELECT list_transform([1], x -> list_aggregate([x], 'quantile_disc', [0.1])) FROM {D}",
]
SIZES = [
    f"SELECT reservoir_quantile(lap_time_ms, 0.5, 3000000000) FROM {L}",
    f"SELECT reservoir_quantile(lap_time_ms, 0.5, 2000000000) FROM {L}",
    f"SELECT reservoir_quantile(lap_time_ms, [0.5], lap_number) FROM {L}",
    f"SELECT max(lap_time_ms, 900000) FROM {L}",
    f"SELECT min(lap_time_ms, 1e9) FROM {L}",
    f"SELECT arg_max(driver_code, lap_time_ms, 999999) FROM {L}",
    f"SELECT min_by(driver_code, lap_time_ms, lap_number) FROM {L}",
    f"SELECT * FROM {L} USING SAMPLE 3000000000 ROWS",
    f"SELECT * FROM {L} TABLESAMPLE RESERVOIR (2000000000 ROWS)",
    f"SELECT to_base(1, 2, 1000000000) FROM {D}",
]


def pivot_bomb(values: int = 200, ctes: int = 30) -> str:
    """2 KB that expand to thousands of columns (values x 20 aggregates), copied by a chain of
    SELECT * CTEs: qualifying its columns took the API process 15 s and 550 MB."""
    listed = ", ".join(str(i) for i in range(1, values + 1))
    aggregates = ", ".join(
        f"{f}(lap_time_ms) AS a{i}" for i, f in enumerate(("sum", "min", "max", "avg") * 5)
    )
    chain = ", ".join(f"c{i} AS (SELECT * FROM c{i - 1})" for i in range(1, ctes + 1))
    return (
        f"WITH c0 AS (SELECT * FROM {L} PIVOT ({aggregates} FOR lap_number IN ({listed}))), "
        f"{chain} SELECT * FROM c{ctes}"
    )


BUDGET = [
    pivot_bomb(),  # refused before any work: wider than MAX_PIVOT_COLUMNS
    pivot_bomb(150, 40),
    pivot_bomb(24, 60),  # under every cap, ~5 s of column qualification: stopped in the worker
    pivot_bomb(24, 80),
    f"WITH c0 AS (PIVOT {L} ON lap_number IN ({', '.join(str(i) for i in range(200))}) "
    "USING sum(lap_time_ms), min(lap_time_ms)) SELECT * FROM c0",
    f"WITH {', '.join(f'c{i} AS (SELECT * FROM {L} a, {L} b)' for i in range(40))} "
    "SELECT * FROM c39",
]

ROUND2: list[tuple[str, str]] = [
    *(("fold", s) for s in FOLD),
    *(("oracle", s) for s in ORACLE),
    *(("crash", s) for s in CRASH),
    *(("byname", s) for s in BYNAME),
    *(("sizes", s) for s in SIZES),
    *(("budget", s) for s in BUDGET),
]
# Replies whose first row holds a list, a struct or a map, to a question the query library also
# answers: the model/parser review compares them without failing the answer.
NESTED_ANSWERS = [
    f"SELECT [driver_code] AS driver_code FROM {D}",
    f"SELECT {{'code': driver_code, 'n': [1, 2]}} AS driver_code FROM {D}",
    f"SELECT map([driver_code], [1]) AS driver_code, [[1]] AS points FROM {D}",
    f"SELECT [{{'a': [map([1], ['x'])]}}] AS finish_position FROM {D}",
    f"SELECT 'nan'::DOUBLE AS points, [NULL] AS driver_code FROM {D}",
]
