"""History marts on the real Ergast dump: expected values computed from the CSVs themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.conftest import csv_connection, gold

pytestmark = pytest.mark.realdata

FINAL_STANDINGS = """
    with final as (
        select year, max(raceId) filter (where raceId in (select raceId from {table})) as race_id
        from races group by year
    )
    select final.year, {ref} from {table} as s
    join final on s.raceId = final.race_id
    join {dim} using ({id})
    where s.position = 1 and final.year between {first} and 2024
    order by final.year
"""


def test_drivers_champions_equal_final_standings(history_warehouse: Path) -> None:
    sql = FINAL_STANDINGS.format(
        table="driver_standings", ref="driverRef", dim="drivers", id="driverId", first=1950
    )
    expected = csv_connection().execute(sql).fetchall()
    assert len(expected) == 75
    champions = gold(
        history_warehouse,
        "select season, driver_ref from gold.season_champions "
        "where season between 1950 and 2024 and is_season_complete order by season",
    )
    assert champions == expected


def test_constructors_champions_equal_final_standings(history_warehouse: Path) -> None:
    sql = FINAL_STANDINGS.format(
        table="constructor_standings",
        ref="constructorRef",
        dim="constructors",
        id="constructorId",
        first=1958,
    )
    expected = csv_connection().execute(sql).fetchall()
    assert len(expected) == 67
    champions = gold(
        history_warehouse,
        "select season, constructor_ref from gold.season_champions "
        "where season between 1958 and 2024 order by season",
    )
    assert champions == expected
    before = gold(
        history_warehouse,
        "select count(*) from gold.season_champions where season < 1958 "
        "and constructor_ref is not null",
    )
    assert before == [(0,)]


def test_known_facts(history_warehouse: Path) -> None:
    rows = dict(
        (ref, (wins, titles))
        for ref, wins, titles in gold(
            history_warehouse,
            "select driver_ref, wins, championships from gold.driver_career "
            "where driver_ref in ('hamilton', 'michael_schumacher', 'max_verstappen')",
        )
    )
    assert rows["hamilton"] == (105, 7)
    assert rows["michael_schumacher"][1] == 7
    assert rows["max_verstappen"][1] == 4


def test_chinese_gp_2025_winner_comes_from_history(history_warehouse: Path) -> None:
    expected = (
        csv_connection()
        .execute(
            """select d.code from results as r join races using (raceId)
           join drivers as d using (driverId)
           where year = 2025 and name = 'Chinese Grand Prix' and r.position = 1"""
        )
        .fetchall()
    )
    assert expected == [("PIA",)]
    winner = gold(
        history_warehouse,
        "select driver_code, result_source from gold.fct_results "
        "where session_id = '2025-02-R' and is_winner",
    )
    assert winner == [("PIA", "ergast")]


def test_sources_agree_on_every_race_in_both(history_warehouse: Path) -> None:
    rows = gold(
        history_warehouse,
        "select count(*), count(*) filter (where sources_agree), sum(drivers_compared) "
        "from gold.history_fastf1_agreement",
    )
    races, agreeing, drivers = rows[0]
    assert races > 20 and agreeing == races and drivers > 400
    fastf1_races = gold(
        history_warehouse,
        "select count(distinct session_id) from silver.stg_results "
        "where session_code in ('R', 'S') and finish_position is not null and points is not null "
        "and event_id in (select event_id from gold.fct_results where result_source = 'ergast')",
    )  # every race both sources classify (Fast-F1's 2026 races are past the dump's end)
    assert fastf1_races == [(races,)]


def test_race_results_cover_every_season(history_warehouse: Path) -> None:
    seasons = gold(
        history_warehouse,
        "select min(season), count(distinct season) from gold.fct_results "
        "where session_code = 'R' and season <= 2025",
    )
    assert seasons == [(1950, 76)]
    expected = csv_connection().execute("select count(*) from results").fetchall()[0][0]
    history_rows = gold(
        history_warehouse,
        "select count(*) from gold.fct_results where session_code = 'R' "
        "and result_source = 'ergast'",
    )[0][0]
    assert history_rows == expected


def test_circuit_history_monza(history_warehouse: Path) -> None:
    expected = (
        csv_connection()
        .execute(
            """select count(*) from races join circuits using (circuitId)
           where circuitRef = 'monza' and raceId in (select raceId from results)"""
        )
        .fetchall()[0][0]
    )
    rows = gold(
        history_warehouse,
        "select races_held, most_wins_driver_ref from gold.circuit_history "
        "where circuit_ref = 'monza'",
    )
    assert rows[0][0] == expected
    top = (
        csv_connection()
        .execute(
            """select d.driverRef, count(*) as n from results r join races using (raceId)
           join circuits using (circuitId) join drivers d using (driverId)
           where circuitRef = 'monza' and r.position = 1
           group by 1 order by n desc, min(date) limit 1"""  # ties: who won there first
        )
        .fetchall()[0][0]
    )
    assert rows[0][1] == top
