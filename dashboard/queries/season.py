"""The season page's SQL: the championship round by round, a driver's and a team's season
(gold standings and results; team colours from dim_teams, the constructor's latest colour for
seasons before Fast-F1's)."""

from __future__ import annotations

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query

TEAM_COLOUR = """
    team_colour as (
        select constructor_ref, team_colour_hex
        from gold.dim_teams
        where team_colour_hex is not null
        qualify row_number() over (partition by constructor_ref order by season desc) = 1
    )
"""


def standings_seasons(key: WarehouseKey) -> pd.DataFrame:
    """Seasons with championship standings, latest first, and whether each is complete."""
    return run_query(
        key,
        """
        select s.season, coalesce(d.is_complete, false) as is_complete, d.rounds_scheduled,
               max(s.round) as last_round,
               bool_and(s.is_standing_complete) filter (
                   where s.round = (select max(round) from gold.fct_driver_standings x
                                    where x.season = s.season)
               ) as standings_complete,
               max(s.rounds_missing_to_date) as rounds_missing,
               any_value(s.standings_source) as standings_source
        from gold.fct_driver_standings s
        left join gold.dim_seasons d on d.season = s.season
        group by all
        order by s.season desc
        """,
    )


def driver_standings(key: WarehouseKey, season: int) -> pd.DataFrame:
    """Every driver's points and place after every round of a season, with the team he scored
    most with that season and its colour; drivers in the latest standings' order."""
    return run_query(
        key,
        f"""
        with team as (
            select driver_ref, constructor_ref, any_value(team_name) as team_name
            from gold.fct_results
            where season = ? and session_type in ('race', 'sprint')
            group by driver_ref, constructor_ref
            qualify row_number() over (
                partition by driver_ref order by sum(points) desc, count(*) desc
            ) = 1
        ), {TEAM_COLOUR}, latest as (
            select driver_ref, position as final_position
            from gold.fct_driver_standings
            where season = ?
            qualify round = max(round) over ()
        )
        select s.round, e.event_name, s.driver_ref, s.driver_code, s.driver_full_name,
               s.points, s.position, s.wins, t.team_name, t.constructor_ref,
               coalesce(dt.team_colour_hex, tc.team_colour_hex) as team_colour_hex,
               l.final_position
        from gold.fct_driver_standings s
        left join gold.dim_events e on e.event_id = s.event_id
        left join team t on t.driver_ref = s.driver_ref
        left join gold.dim_teams dt
            on dt.season = s.season and dt.constructor_ref = t.constructor_ref
        left join team_colour tc on tc.constructor_ref = t.constructor_ref
        left join latest l on l.driver_ref = s.driver_ref
        where s.season = ?
        order by l.final_position nulls last, s.driver_ref, s.round
        """,
        (season, season, season),
    )


def constructor_standings(key: WarehouseKey, season: int) -> pd.DataFrame:
    """Every team's points and place after every round, in the latest standings' order."""
    return run_query(
        key,
        f"""
        with {TEAM_COLOUR}, latest as (
            select constructor_ref, position as final_position
            from gold.fct_constructor_standings
            where season = ?
            qualify round = max(round) over ()
        )
        select s.round, e.event_name, s.constructor_ref, s.team_name, s.points, s.position,
               s.wins, coalesce(dt.team_colour_hex, tc.team_colour_hex) as team_colour_hex,
               l.final_position
        from gold.fct_constructor_standings s
        left join gold.dim_events e on e.event_id = s.event_id
        left join gold.dim_teams dt
            on dt.season = s.season and dt.constructor_ref = s.constructor_ref
        left join team_colour tc on tc.constructor_ref = s.constructor_ref
        left join latest l on l.constructor_ref = s.constructor_ref
        where s.season = ?
        order by l.final_position nulls last, s.constructor_ref, s.round
        """,
        (season, season),
    )


def season_results(key: WarehouseKey, season: int) -> pd.DataFrame:
    """Every race and sprint result of a season (the driver's and the team's season pages)."""
    return run_query(
        key,
        """
        select round, event_name, session_code, driver_ref, driver_code, driver_full_name,
               constructor_ref, team_name, grid_position, finish_position, classified_position,
               status, points, is_winner, is_podium, is_pole, has_fastest_lap
        from gold.fct_results
        where season = ? and session_type in ('race', 'sprint')
        order by round, session_code desc, position_order nulls last
        """,
        (season,),
    )
