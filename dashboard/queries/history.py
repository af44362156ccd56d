"""The history page's SQL (gold history marts, 1950-)."""

from __future__ import annotations

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query

# ---------------------------------------------------------------------------------- history


def season_champions(key: WarehouseKey) -> pd.DataFrame:
    """Every season's drivers' and constructors' champion (gold.season_champions), whether the
    season is complete (gold.dim_seasons.is_complete), and the drivers' champion's own team
    that season (the constructor he scored most with; its name from gold.dim_teams)."""
    return run_query(
        key,
        """
        with champion_team as (
            select r.season, r.constructor_ref, any_value(r.team_name) as team_name
            from gold.fct_results r
            join gold.season_champions c on c.season = r.season and c.driver_ref = r.driver_ref
            where r.session_type = 'race'
            group by r.season, r.constructor_ref
            qualify row_number() over (
                partition by r.season
                order by sum(r.points) desc, count(*) desc, r.constructor_ref
            ) = 1
        ), team_colour as (
            select constructor_ref, team_colour_hex
            from gold.dim_teams
            where team_colour_hex is not null
            qualify row_number() over (partition by constructor_ref order by season desc) = 1
        )
        select c.season, c.driver_ref, c.driver_name, c.driver_points, c.driver_margin_points,
               c.driver_wins, c.constructor_ref, c.constructor_name, c.constructor_points,
               c.constructor_margin_points, coalesce(s.is_complete, false) as is_complete,
               ct.constructor_ref as champion_team_ref,
               coalesce(t.team_name, ct.team_name) as champion_team_name,
               tc.team_colour_hex as champion_team_colour
        from gold.season_champions c
        left join gold.dim_seasons s on s.season = c.season
        left join champion_team ct on ct.season = c.season
        left join gold.dim_teams t
            on t.season = c.season and t.constructor_ref = ct.constructor_ref
        left join team_colour tc on tc.constructor_ref = ct.constructor_ref
        order by c.season
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
        select season, event_name, driver_full_name, team_name, grid_position
        from gold.fct_results where session_code = 'R' and circuit_ref = ? and is_winner
        order by event_date desc
        """,
        (circuit_ref,),
    )
