"""Hostile SQL of issue 10's classes (a model's reply, never trusted): scope tricks with CTE
shadowing at every level, system catalogs, table functions, output-size bombs, input-size and
nesting bombs, other syntax reaching the same places. Each case is (category, sql); all must be
REFUSED by validation, except "stopped" (valid queries the sandbox must stop or cut) and
"listcol" (valid list-valued results that must be answered without a 500)."""

from __future__ import annotations

D = "gold.dim_drivers"
L = "gold.fct_laps"

SCOPE = [
    f"WITH a AS (SELECT * FROM duckdb_databases), duckdb_databases AS (SELECT 1 AS x FROM {D}) "
    "SELECT * FROM a",
    f"WITH a AS (SELECT * FROM pg_settings), pg_settings AS (SELECT 1 AS x FROM {D}) "
    "SELECT * FROM a",
    f"WITH a AS (SELECT * FROM sqlite_master), sqlite_master AS (SELECT 1 AS x FROM {D}) "
    "SELECT * FROM a",
    f"WITH A AS (SELECT * FROM DUCKDB_SETTINGS), Duckdb_Settings AS (SELECT 1 AS x FROM {D}) "
    "SELECT * FROM a",
    f"WITH duckdb_columns AS (SELECT * FROM duckdb_columns) SELECT * FROM duckdb_columns, {D}",
    f"WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS x FROM {D}) SELECT * FROM a",
    f"SELECT * FROM (WITH duckdb_settings AS (SELECT 1 AS x FROM {D}) "
    "SELECT * FROM duckdb_settings) t, duckdb_settings",
    f"SELECT (WITH duckdb_tables AS (SELECT 1 AS x FROM {D}) SELECT count(*) FROM duckdb_tables) "
    "AS n FROM duckdb_tables",
    f"SELECT * FROM {D} WHERE driver_code IN (WITH pg_tables AS (SELECT driver_code FROM {D}) "
    "SELECT driver_code FROM pg_tables) AND EXISTS (SELECT 1 FROM pg_tables)",
    f"WITH x AS (SELECT driver_code AS a FROM {D}) SELECT a FROM x "
    "UNION ALL SELECT path FROM duckdb_databases",
    f"WITH o AS (WITH duckdb_views AS (SELECT 1 AS x FROM {D}) SELECT * FROM duckdb_views) "
    "SELECT * FROM o, duckdb_views",
    f"WITH duckdb_secrets AS (SELECT 1 AS x FROM {D}) SELECT * FROM main.duckdb_secrets",
    f"WITH a AS (SELECT * FROM {D}) SELECT * FROM wh.main.a",
    f"SELECT driver_code, (SELECT value FROM pg_settings LIMIT 1) AS v FROM {D}",
    f"WITH t AS (SELECT * FROM {D}) SELECT * FROM t WHERE EXISTS "
    "(SELECT 1 FROM (SELECT * FROM sqlite_schema) s)",
    f'WITH "pg_namespace" AS (SELECT 1 AS x FROM {D}) SELECT * FROM (SELECT 1 AS y) q, '
    '(WITH z AS (SELECT 1) SELECT * FROM "pg_catalog"."pg_namespace") p',
]
CATALOGS = [
    "SELECT * FROM duckdb_databases",
    "SELECT path FROM duckdb_databases()",
    "SELECT * FROM pg_catalog.pg_settings",
    "SELECT name, setting FROM pg_settings",
    "SELECT * FROM pg_tables",
    "SELECT * FROM pg_namespace",
    "SELECT * FROM information_schema.columns",
    "SELECT * FROM information_schema.schemata",
    "SELECT * FROM wh.information_schema.tables",
    "SELECT * FROM system.main.duckdb_settings",
    "SELECT * FROM sqlite_schema",
    "SELECT * FROM sqlite_temp_master",
    "SELECT * FROM duckdb_views",
    "SELECT * FROM gold.duckdb_tables",
    'SELECT * FROM "wh"."main"."duckdb_settings"',
    f"SELECT d.*, s.* FROM {D} d JOIN duckdb_settings s ON true",
]
TABLE_FUNCTIONS = [
    f"SELECT * FROM range(10) t(i) JOIN {D} ON true",
    f"SELECT * FROM {D} JOIN generate_series(1, 2) g(i) ON true",
    f"SELECT * FROM {D}, unnest(range(100000000))",
    f"SELECT * FROM {D}, unnest([1, 2, 3]) u(x)",
    "SELECT * FROM read_parquet(['/etc/a.parquet', '/etc/b.parquet'])",
    "SELECT * FROM duckdb_functions()",
    "SELECT * FROM which_secret('s3://bucket/x', 's3')",
    "SELECT * FROM test_all_types()",
    "SELECT * FROM pragma_storage_info('gold.fct_results')",
    "SELECT * FROM sql_auto_complete('SEL')",
    f"SELECT * FROM {D} WHERE driver_code IN (SELECT * FROM glob('/root/*'))",
    f"SELECT * FROM {D}, (SELECT * FROM read_csv_auto('/etc/passwd')) p",
]
SIZE_BOMBS = [
    f"SELECT repeat('x', 3000000) AS s FROM {L} LIMIT 1000",
    f"SELECT repeat(driver_code, 1000000) FROM {D}",
    f"SELECT repeat([1, 2, 3], 100000000) FROM {D}",
    f"SELECT repeat(repeat('x', 100), 100) FROM {D}",
    f"SELECT repeat('x', lap_time_ms) FROM {L}",
    f"SELECT repeat('x', 1e9) FROM {D}",
    f"SELECT repeat('x', 2147483647::BIGINT) FROM {D}",
    f"SELECT repeat('{'x' * 500}', 100) FROM {D}",
    f"SELECT lpad('x', 100000000, 'y') FROM {D}",
    f"SELECT rpad(driver_code, 999999999, '*') FROM {D}",
    f"SELECT lpad(lpad('y', 100, 'z'), 150, lpad('q', 200, 'w')) FROM {D}",
    f"SELECT printf('%0999999999d', 1) FROM {D}",
    f"SELECT printf('%*d', 999999999, 1) FROM {D}",
    f"SELECT printf('%.999999999f', 1.0) FROM {D}",
    f"SELECT printf(driver_code, 1) FROM {D}",
    f"SELECT format('{{:>999999999}}', 'x') FROM {D}",
    f"SELECT format('{{:{{}}}}', 'x', 999999999) FROM {D}",
    f"SELECT list_resize([1], 300000000) FROM {D}",
    f"SELECT array_resize([1], 300000000, 0) FROM {D}",
    f"SELECT unnest(list_resize([1], 100000000)) FROM {D}",
    f"SELECT list_resize([1], lap_time_ms) FROM {L}",
    f"SELECT generate_date_array(DATE '1900-01-01', DATE '9999-12-31', INTERVAL 1 DAY) FROM {D}",
    f"SELECT unnest(generate_series(1, 1000000000)) FROM {D}",
    f"SELECT unnest(range(DATE '1900-01-01', DATE '9999-01-01', INTERVAL 1 SECOND)) FROM {D}",
    f"SELECT bar(1, 0, 1, 100000000) FROM {D}",
    f"SELECT string_agg(repeat(a.driver_code, 100000), '') FROM {L} a",
    f"SELECT list_transform(list_resize([0], 1000), x -> repeat('x', 1000)) FROM {L}",
    f"SELECT array_fill(1, 100000000) FROM {D}",
    f"SELECT list_value(repeat('x', 1000000)) FROM {D}",
]
INPUT_SIZE = [
    f"SELECT * FROM {L} WHERE lap_number IN ({', '.join(str(i) for i in range(200_000))})",
    f"SELECT * FROM {L} WHERE lap_number IN ({', '.join(str(i) for i in range(600))})",
    f"SELECT [{', '.join('0' for _ in range(2000))}] AS l FROM {D}",
    f"SELECT * FROM {D} WHERE driver_code IN (VALUES {', '.join(['(1)'] * 1000)})",
    f"SELECT '{'x' * 30_000}' AS s FROM {D}",
    f"SELECT 1 /* {'padding ' * 4000} */ FROM {D}",
    f"SELECT {', '.join(['driver_code'] * 700)} FROM {D}",
    f"SELECT {{{', '.join(f'k{i}: 1' for i in range(600))}}} AS s FROM {D}",
    f"SELECT * FROM {L} WHERE {' OR '.join(f'lap_number = {i}' for i in range(300))}",
    f"SELECT CASE lap_number {' '.join(f'WHEN {i} THEN {i}' for i in range(300))} END FROM {L}",
    f"SELECT * FROM {L} WHERE lap_number IN ({', '.join(['1'] * 450)}) OR lap_number IN "
    f"({', '.join(['2'] * 450)}) OR lap_number IN ({', '.join(['3'] * 450)})",
]
NESTING = [
    f"SELECT {'(' * 40}1{')' * 40} AS x FROM {D}",
    f"SELECT {'coalesce(' * 40}driver_code{')' * 40} FROM {D}",
    f"SELECT * FROM {'(SELECT * FROM ' * 40}{D}{') t' * 40}",
    f"SELECT {'(SELECT ' * 40}1{' FROM gold.dim_drivers LIMIT 1)' * 40} AS x FROM {D}",
    f"SELECT {'CASE WHEN true THEN ' * 40}1{' END' * 40} AS x FROM {D}",
    f"SELECT * FROM {D} WHERE {'NOT ' * 3000}true",
    f"SELECT {'- ' * 3000}1 AS x FROM {D}",
    f"SELECT {'[' * 40}1{']' * 40} AS l FROM {D}",
    f"SELECT {'{' + chr(39) + 'a' + chr(39) + ': ' * 1}"
    + "{'a': " * 39
    + "1"
    + "}" * 40
    + f" AS s FROM {D}",
    f"SELECT {'lower(' * 30}driver_code{')' * 30} FROM {D}",
    f"SELECT * FROM {D} WHERE driver_code IN "
    f"{f'(SELECT driver_code FROM {D} WHERE driver_code IN ' * 30}('VER'){')' * 30}",
]
# Other syntax that reaches the same places: FROM-first, TABLE, PIVOT, lateral, placeholders.
SYNTAX = [
    f"SELECT * FROM {D} AS duckdb_settings, duckdb_settings",
    f"SELECT * FROM {D} d POSITIONAL JOIN duckdb_settings() s",
    "FROM duckdb_settings()",
    "FROM duckdb_settings SELECT name, value",
    f"FROM {D} SELECT *, (FROM pg_settings SELECT count(*)) AS n",
    f"SELECT * FROM {D} d, LATERAL (SELECT * FROM duckdb_settings()) s",
    "TABLE duckdb_settings",
    f"DESCRIBE SELECT * FROM {D}",
    f"EXPLAIN ANALYZE SELECT * FROM {D}",
    f"SELECT $1 FROM {D}",
    f"SELECT ? FROM {D}",
    f"SELECT version() FROM {D}",
    f"SELECT pragma_version() FROM {D}",
    'SELECT * FROM "gold"."dim_drivers", "duckdb_settings"',
    f"PIVOT {D} ON driver_code USING count(*)",
    f"SELECT * FROM (PIVOT {D} ON driver_code USING count(*)) p, duckdb_settings",
    f"WITH s AS MATERIALIZED (SELECT * FROM duckdb_settings()) SELECT * FROM s, {D}",
    f"SELECT * FROM {D} WHERE driver_code IN (TABLE duckdb_settings)",
    f"SELECT * FROM {D} UNION BY NAME SELECT * FROM duckdb_settings",
    "SELECT COLUMNS(*) FROM duckdb_settings",
    f"SELECT * FROM {D} d JOIN {L} l USING (driver_code) JOIN pg_catalog.pg_proc p ON true",
    f"SELECT d.* FROM {D} d WHERE EXISTS (SELECT 1 FROM wh.pg_catalog.pg_type)",
    f"SELECT list_transform([1], x -> (SELECT count(*) FROM duckdb_settings())) FROM {D}",
    f"SELECT query('select 1') FROM {D}",
    f"SELECT * FROM {D} QUALIFY row_number() OVER () < (SELECT count(*) FROM duckdb_tables())",
]
# Valid queries that must be STOPPED (timeout / memory limit) or CUT (byte budget, value cap).
STOPPED = [
    f"SELECT list(a.driver_code || b.driver_code || c.driver_code) FROM {L} a, {L} b, {L} c",
    f"SELECT string_agg(a.driver_code, ',') FROM {L} a, {L} b, {L} c",
    f"SELECT a.lap_number, list(b.driver_code || c.driver_code) FROM {L} a, {L} b, {L} c "
    "GROUP BY a.lap_number",
    f"SELECT histogram(a.lap_time_ms + b.lap_time_ms + c.lap_time_ms) FROM {L} a, {L} b, {L} c",
    f"SELECT a.driver_code, list(b.lap_time_ms) AS laps FROM {L} a, {L} b GROUP BY ALL",
    f"SELECT string_agg(repeat(driver_code, 100), ',') AS s FROM {L}",
    f"SELECT repeat('y', 100) || repeat('z', 100) || lap_number AS s FROM {L}",
    f"SELECT list(lap_time_ms) AS all_laps FROM {L}",
]
# Valid list/struct-valued results: answered (200), chart chosen without crashing.
LIST_COLUMNS = [
    f"SELECT driver_code, list(lap_number) AS laps FROM {L} GROUP BY driver_code",
    f"SELECT driver_code, [lap_number, lap_number] AS pair, lap_time_ms FROM {L}",
    f"SELECT driver_code, {{'lap': lap_number}} AS s, lap_time_ms FROM {L}",
    f"SELECT lap_number, list(driver_code) AS drivers FROM {L} GROUP BY lap_number",
    f"SELECT driver_code, map([1], [lap_number]) AS m, lap_time_ms FROM {L}",
]

GUARD_CORPUS: list[tuple[str, str]] = [
    *(("scope", s) for s in SCOPE),
    *(("catalog", s) for s in CATALOGS),
    *(("tablefunc", s) for s in TABLE_FUNCTIONS),
    *(("sizebomb", s) for s in SIZE_BOMBS),
    *(("inputsize", s) for s in INPUT_SIZE),
    *(("nesting", s) for s in NESTING),
    *(("syntax", s) for s in SYNTAX),
    *(("stopped", s) for s in STOPPED),
    *(("listcol", s) for s in LIST_COLUMNS),
]
