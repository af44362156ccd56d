"""Validation on the parsed tree: what passes, what is rewritten, and why things are rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai.library import TEMPLATES, QueryLibrary
from ai.library.entities import Entities
from ai.schema_catalog import Catalog, load_catalog
from ai.validation import SqlRejectedError, validate_sql


@pytest.fixture(scope="module")
def catalog(synthetic_root: Path) -> Catalog:
    return load_catalog(synthetic_root / "warehouse" / "f1.duckdb", synthetic_root / "none.json")


def test_limit_is_added_clamped_or_kept(catalog: Catalog) -> None:
    served = catalog.served
    added = validate_sql("select driver_code from gold.dim_drivers", served, 50)
    assert added.sql.endswith("LIMIT 50") and added.notes == ("LIMIT 50 added",)
    clamped = validate_sql("select driver_code from gold.dim_drivers limit 5000", served, 50)
    assert clamped.sql.endswith("LIMIT 50") and clamped.notes == ("LIMIT clamped to 50",)
    kept = validate_sql("select driver_code from gold.dim_drivers limit 3", served, 50)
    assert kept.sql.endswith("LIMIT 3") and kept.limit == 3 and not kept.notes
    fetch = validate_sql(
        "select driver_code from gold.dim_drivers fetch first 9 rows only", served, 5
    )
    assert fetch.sql.endswith("LIMIT 5")
    union = validate_sql(
        "select driver_code from gold.dim_drivers union select driver_code from gold.fct_results",
        served,
        7,
    )
    assert union.sql.endswith("LIMIT 7")


def test_unqualified_tables_are_qualified_and_comments_dropped(catalog: Catalog) -> None:
    checked = validate_sql("select /* hi */ driver_code from dim_drivers -- bye", catalog.served, 9)
    assert checked.sql == "SELECT driver_code FROM gold.dim_drivers LIMIT 9"
    assert checked.tables == ("gold.dim_drivers",)
    with_catalog = validate_sql("select driver_code from wh.gold.dim_drivers", catalog.served, 9)
    assert with_catalog.sql == "SELECT driver_code FROM gold.dim_drivers LIMIT 9"


def test_ctes_and_set_operations_pass(catalog: Catalog) -> None:
    sql = (
        "with w as (select driver_code, count(*) n from gold.fct_results where finish_position = 1 "
        "group by driver_code) select d.driver_full_name, w.n from w join gold.dim_drivers d "
        "using (driver_code) order by w.n desc"
    )
    assert set(validate_sql(sql, catalog.served, 10).tables) == {
        "gold.fct_results",
        "gold.dim_drivers",
    }


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("select 1; select 2", "exactly one statement is allowed, got 2"),
        ("drop table gold.fct_results", "only queries"),
        ("select * from read_csv('x')", "function read_csv() is not allowed"),
        ("select * from my_macro(1)", "table functions are not allowed"),
        ("select getenv('HOME') from gold.dim_drivers", "function getenv() is not allowed"),
        ("select nope from gold.dim_drivers", "column check failed"),
        ("select * from gold.secret", "not a served silver/gold table"),
        ("select * from bronze.results", "not a served silver/gold table"),
        ("select 1", "must read at least one served"),
        ("with x as (delete from gold.fct_results returning *) select * from x", "DELETE"),
    ],
)
def test_rejections_say_why_in_one_line(catalog: Catalog, sql: str, reason: str) -> None:
    with pytest.raises(SqlRejectedError) as rejected:
        validate_sql(sql, catalog.served, 10)
    assert reason in str(rejected.value)
    assert "\n" not in str(rejected.value)


def test_every_library_query_passes_validation(catalog: Catalog) -> None:
    """0 false rejections: each template rendered with real-looking entities validates."""
    dims = catalog.dimensions
    library = QueryLibrary()
    found = Entities(
        season=2024,
        round=1,
        event_name="Bahrain Grand Prix",
        session_codes=("Q",),
        drivers=dims.drivers[:2],
        team="Ferrari",
    )
    assert len(TEMPLATES) >= 30
    for template in TEMPLATES:
        needs_no = {"no_event": "event_name", "no_driver": "drivers"}
        blanks = {v: (None if v == "event_name" else ()) for k, v in needs_no.items()
                  if k in template.needs}  # fmt: skip
        rendered = library.render(template, Entities(**{**found.__dict__, **blanks}), dims)
        assert rendered is not None, template.id
        checked = validate_sql(rendered.sql, catalog.served, 1000)
        assert checked.tables, template.id
