"""gold.ml_driver_race_features: the grain, and no leakage — changing every outcome from race r
on (and everything of later races) leaves the features of race r and of every earlier race
unchanged. The model's compiled SQL is re-run on a mutated copy of its gold inputs."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from ml.features import FEATURES

INPUTS = (
    ("gold", "dim_events"),
    ("gold", "fct_results"),
    ("gold", "fct_qualifying"),
    ("gold", "fct_laps"),  # practice laps (stage 1's practice gap)
    ("gold", "dim_sessions"),
    ("silver", "stg_events"),  # the weekend's schedule: practice before qualifying only
)
CUT = (2021, 10)  # race r: every outcome from here on is changed


def compiled_sql(root: Path) -> str:
    compiled = (root / "logs" / "dbt" / "target" / "compiled").rglob("ml_driver_race_features.sql")
    # the model's own file (a unit test over it compiles a fixture under <model>.yml/ too)
    [path] = [p for p in compiled if p.parent.suffix != ".yml"]
    return re.sub(r'"[^"]+"\."(silver|gold)"\.', r"\1.", path.read_text())


def features_on(warehouse: Path, sql: str, mutate: list[str]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as wh (read_only)")
    for schema in ("gold", "silver"):
        con.execute(f"create schema {schema}")
    for schema, table in INPUTS:
        con.execute(f"create table {schema}.{table} as select * from wh.{schema}.{table}")
    for statement in mutate:
        con.execute(statement)
    con.execute(f"create table features as {sql}")
    return con


def test_one_row_per_driver_per_race(history_warehouse: Path) -> None:
    con = duckdb.connect(str(history_warehouse), read_only=True)
    total, keys, races = con.execute(
        "select count(*), count(distinct (season, round, driver_ref)), count(distinct event_id) "
        "from gold.ml_driver_race_features"
    ).fetchall()[0]
    assert total == keys
    assert (
        races > 1100
    )  # every championship race since 1950 (the dump has 1,149 with the 2025 rest)


def test_changing_race_r_onwards_leaves_race_r_features_unchanged(
    history_root: Path, history_warehouse: Path
) -> None:
    sql = compiled_sql(history_root)
    season, rnd = CUT
    later = f"(season > {season} or (season = {season} and round > {rnd}))"
    from_r = f"(season > {season} or (season = {season} and round >= {rnd}))"
    mutate = [
        # outcomes of race r and later: reversed order, points, statuses all changed
        # (who starts - is_start - is known before the race and stays so)
        "update gold.fct_results set "
        "finish_position = 21 - coalesce(finish_position, 0), is_dnf = not is_dnf, "
        f"points = points * 7 + 3, position_order = 30 - position_order where {from_r}",
        # everything of later races, also what would be known before them (grid, qualifying)
        f"update gold.fct_results set starting_grid_slot = 1 where {later}",
        f"update gold.fct_qualifying set q1_ms = 1, q2_ms = 1, q3_ms = 1 where {later}",
    ]
    original = features_on(history_warehouse, sql, [])
    changed = features_on(history_warehouse, sql, mutate)
    # floats to 9 decimals: parallel aggregation may sum in another order (last-bit noise)
    columns = ", ".join(["driver_race_id", *(f"round({f}, 9)" for f in FEATURES)])
    up_to_r = f"where season < {season} or (season = {season} and round <= {rnd})"
    query = f"select {columns} from features {up_to_r} order by driver_race_id"
    before, after = original.execute(query).fetchall(), changed.execute(query).fetchall()
    assert len(before) > 20_000
    assert before == after
    # the mutation does reach the targets of race r and the features of later races
    target = f"select is_win from features where season = {season} and round = {rnd} order by 1"
    assert original.execute(target).fetchall() != changed.execute(target).fetchall()
    nxt = f"select {columns} from features where season = {season} and round = {rnd + 1} order by 1"
    assert original.execute(nxt).fetchall() != changed.execute(nxt).fetchall()


@pytest.mark.parametrize("column", ["grid_slot", "qualifying_gap_to_pole_pct", "team_points_last5"])
def test_features_are_filled_for_the_modern_era(history_warehouse: Path, column: str) -> None:
    con = duckdb.connect(str(history_warehouse), read_only=True)
    [(share,)] = con.execute(
        f"select avg(({column} is not null)::int) from gold.ml_driver_race_features "
        "where season between 2015 and 2024"
    ).fetchall()
    assert share > 0.9
