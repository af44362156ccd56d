"""Validation on the parsed tree: what passes, what is rewritten, and why things are rejected."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ai.library import TEMPLATES, QueryLibrary
from ai.library.builder import Scope
from ai.library.event_plans import EVENT_PLANS, event_plan
from ai.library.intents import Intent
from ai.library.prediction_plans import prediction_plan
from ai.library.season_plans import SEASON_PLANS, season_plan
from ai.models import AskRequest
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
        ("select * from my_macro(1)", "function my_macro() is not allowed"),
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
    """0 false rejections: every plan of the typed builder, built with real-looking slots,
    validates (the parser's own tests are in tests/ai/eval/)."""
    drivers = tuple(d.code for d in catalog.dimensions.drivers[:2])
    scope = Scope(
        event_id="2024-01",
        event_name="Bahrain Grand Prix",
        season=2024,
        session_code="Q",
        session_codes=("Q",),
        seasons=(2024, 2024),
        drivers=drivers,
        teams=("Ferrari",),
    )
    assert len(TEMPLATES) >= 30
    slots = Intent("x", n=3, measure="track_temp", agg="min", metric="wins")
    plans = [
        *(event_plan(replace(slots, name=name), scope) for name in EVENT_PLANS),
        *(season_plan(replace(slots, name=name), scope) for name in SEASON_PLANS),
        *(
            prediction_plan(
                Intent("prediction", measure=target), races, drivers, catalog.dimensions.tables
            )
            for target in ("win", "podium")
            for races in ((), ("2024-01",))
        ),
    ]
    for plan in plans:
        assert plan is not None
        checked = validate_sql(plan.query.sql(), catalog.served, 1000)
        assert checked.tables, plan.entry_id
    assert QueryLibrary().match(AskRequest(question="Who won in Bahrain 2024?"), catalog.dimensions)


PLAUSIBLE_MODEL_SQL = [
    "SELECT driver_code, COUNT(*) AS wins FROM gold.fct_results WHERE season = 2024 AND "
    "session_code = 'R' AND finish_position = 1 GROUP BY driver_code ORDER BY wins DESC",
    "SELECT r.driver_code, e.event_name FROM gold.fct_results r JOIN gold.dim_events e "
    "ON r.event_id = e.event_id WHERE r.finish_position = 1 AND e.season = 2024",
    "SELECT driver_code, team_name, count(*) FROM gold.fct_results GROUP BY ALL ORDER BY 3 DESC",
    "SELECT driver_code, lap_time_ms FROM gold.fct_laps WHERE session_id = '2024-01-Q' "
    "QUALIFY row_number() OVER (PARTITION BY driver_code ORDER BY lap_time_ms) = 1",
    "SELECT event_name FROM gold.dim_events WHERE event_name ILIKE '%bahrain%'",
    "SELECT strftime(event_date, '%Y-%m') AS m, count(*) FROM gold.dim_events GROUP BY m",
    "SELECT driver_code, lap_time_ms / 1000 AS secs FROM gold.fct_laps WHERE secs < 80",
    "SELECT arg_min(driver_code, lap_time_ms) AS fastest, min(lap_time_ms) FROM gold.fct_laps",
    "SELECT count(*) FILTER (WHERE finish_position = 1) AS wins, driver_code "
    "FROM gold.fct_results GROUP BY driver_code",
    "SELECT CAST(lap_time_ms AS DOUBLE) / 1000, lap_time_ms::double FROM gold.fct_laps",
    "SELECT d.driver_full_name, sum(r.points) AS pts FROM gold.fct_results AS r INNER JOIN "
    "gold.dim_drivers AS d USING (driver_code) GROUP BY d.driver_full_name ORDER BY pts DESC",
    "WITH best AS (SELECT driver_code, min(lap_time_ms) AS best FROM gold.fct_laps GROUP BY 1) "
    "SELECT driver_code, best - min(best) OVER () AS gap FROM best ORDER BY gap",
    'SELECT driver_code, "points" FROM "gold"."fct_results"',
    "SELECT * EXCLUDE (headshot_url) FROM gold.dim_drivers",
    "SELECT * FROM gold.fct_results r WHERE EXISTS "
    "(SELECT 1 FROM gold.dim_drivers d WHERE d.driver_code = r.driver_code)",
    "SELECT driver_code, lap_time_ms FROM gold.fct_laps USING SAMPLE 10",
]


@pytest.mark.parametrize("sql", PLAUSIBLE_MODEL_SQL)
def test_plausible_model_sql_is_not_rejected(catalog: Catalog, sql: str) -> None:
    assert validate_sql(sql, catalog.served, 100).sql
