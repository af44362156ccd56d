"""The history page's SQL (gold history marts, 1950-)."""

from __future__ import annotations

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query

# ---------------------------------------------------------------------------------- history


def season_champions(key: WarehouseKey) -> pd.DataFrame:
    """Every season's drivers' and constructors' champion (gold.season_champions)."""
    return run_query(
        key,
        """
        select season, driver_ref, driver_name, driver_points, driver_margin_points,
               driver_wins, constructor_ref, constructor_name, constructor_points,
               constructor_margin_points, is_season_complete
        from gold.season_champions order by season
        """,
    )


def driver_careers(key: WarehouseKey) -> pd.DataFrame:
    """Every driver's career totals, most wins first (gold.driver_career)."""
    return run_query(
        key,
        """
        select driver_ref, driver_name, nationality, starts, wins, podiums, poles,
               fastest_laps, points, championships, seasons, teams, team_names,
               first_season, last_season, first_race, last_race
        from gold.driver_career order by wins desc, podiums desc, driver_name
        """,
    )


def driver_season_points(key: WarehouseKey, driver_refs: tuple[str, ...]) -> pd.DataFrame:
    """Points and wins per season of some drivers (race results of every season)."""
    marks = ", ".join("?" for _ in driver_refs)
    return run_query(
        key,
        f"""
        select driver_ref, any_value(driver_full_name) as driver_name, season,
               sum(points) as points, count(distinct event_id) filter (where is_winner) as wins
        from gold.fct_results where session_code in ('R', 'S') and driver_ref in ({marks})
        group by driver_ref, season order by season
        """,
        driver_refs,
    )


def circuits_history(key: WarehouseKey) -> pd.DataFrame:
    """Every circuit that held a championship race (gold.circuit_history)."""
    return run_query(
        key,
        """
        select circuit_ref, circuit_name, locality, country, races_held, first_season,
               last_season, most_wins_driver_name, most_wins_driver_count,
               most_wins_constructor_name, most_wins_constructor_count
        from gold.circuit_history order by races_held desc, circuit_name
        """,
    )


def circuit_winners(key: WarehouseKey, circuit_ref: str) -> pd.DataFrame:
    """Every winner at one circuit, latest first."""
    return run_query(
        key,
        """
        select season, event_name as race_name, driver_full_name as winner, team_name as team,
               grid_position as grid
        from gold.fct_results where session_code = 'R' and circuit_ref = ? and is_winner
        order by event_date desc
        """,
        (circuit_ref,),
    )
