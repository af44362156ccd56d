"""The guard's mechanisms one by one: scope resolution (legitimate CTE use passes, a CTE never
exempts a name outside its scope), the function allowlist and size bounds, and the input caps
checked before parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai.schema_catalog import Catalog, load_catalog
from ai.validation import SqlRejectedError, validate_sql

D = "gold.dim_drivers"


@pytest.fixture(scope="module")
def catalog(synthetic_root: Path) -> Catalog:
    return load_catalog(synthetic_root / "warehouse" / "f1.duckdb", synthetic_root / "none.json")


@pytest.mark.parametrize(
    "sql",
    [
        f"WITH w AS (SELECT driver_code FROM {D}) SELECT * FROM (SELECT * FROM w) t",
        f"WITH w AS (SELECT driver_code FROM {D}) SELECT * FROM {D} WHERE driver_code IN "
        "(SELECT driver_code FROM w)",
        f"WITH a AS (SELECT driver_code FROM {D}), b AS (SELECT * FROM a) SELECT * FROM b",
        f"WITH dim_drivers AS (SELECT driver_code FROM {D}) SELECT * FROM dim_drivers",
        f"SELECT * FROM (WITH x AS (SELECT driver_code FROM {D}) SELECT * FROM x) t",
        f"WITH x AS (SELECT driver_code FROM {D}) SELECT * FROM x UNION ALL SELECT * FROM x",
        f"SELECT repeat('-', 10) || driver_code, lpad(driver_code, 5, ' '), "
        f"printf('%5.1f', 1.25), list_resize([1], 3) FROM {D}",
        f"SELECT driver_code, unnest([1, 2]) AS k FROM {D}",
    ],
)
def test_legitimate_scoping_and_bounded_functions_pass(catalog: Catalog, sql: str) -> None:
    assert validate_sql(sql, catalog.served, 10).tables == ("gold.dim_drivers",)


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        (
            f"WITH a AS (SELECT * FROM duckdb_databases), duckdb_databases AS (SELECT 1 AS x "
            f"FROM {D}) SELECT * FROM a",
            "unknown table duckdb_databases",
        ),
        (
            f"SELECT * FROM (WITH s AS (SELECT 1 AS x FROM {D}) SELECT * FROM s) t, s",
            "unknown table s",
        ),
        (f"SELECT * FROM {D}, range(3)", "function generate_series() is not allowed"),
        (f"SELECT repeat('x', 101) FROM {D}", "repeat() needs an integer literal size"),
        (f"SELECT repeat('x', lap) FROM {D}", "repeat() needs an integer literal size"),
        (f"SELECT repeat(repeat('x', 9), 9) FROM {D}", "repeat() nested inside repeat()"),
        (f"SELECT lpad('x', 201, 'y') FROM {D}", "pad() needs an integer literal size"),
        (f"SELECT printf('%0101d', 1) FROM {D}", "format widths must be literal numbers"),
        (f"SELECT 'x' || '{'y' * 8000}' FROM {D}", "longer than 8000 characters"),
        (f"SELECT {'(' * 17}1{')' * 17} FROM {D}", "nested deeper than 16 levels"),
        (f"SELECT [{','.join('1' * 501)}] FROM {D}", "a list of more than 500 items"),
        (f"SELECT 1 FROM {D} WHERE {' AND '.join(['true'] * 600)}", "more than 1000 tokens"),
        (f"SELECT 1 FROM {D} WHERE {'NOT ' * 900}true", "nested too deeply to check"),
    ],
)
def test_each_mechanism_refuses_with_its_reason(catalog: Catalog, sql: str, reason: str) -> None:
    with pytest.raises(SqlRejectedError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        validate_sql(sql, catalog.served, 10)


def test_duckdbs_own_parse_allows_the_aggregates_sqlglot_wraps() -> None:
    """sqlglot reads DuckDB's any_value(x) as IGNORE NULLS any_value(x): still an allowed
    aggregate in the check of DuckDB's own parse (the library's season rankings use it)."""
    import duckdb

    from ai.sandbox_guard import check_functions

    cursor = duckdb.connect()
    check_functions(cursor, "select any_value(x) filter (where y) from t group by z")
    with pytest.raises(SqlRejectedError):
        check_functions(cursor, "select read_csv_auto('x.csv')")
