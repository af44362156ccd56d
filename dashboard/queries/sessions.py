"""The session pages' SQL: catalog, overview and race (gold marts per session)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query, scalar_frame
from f1lake.sessions import RACE_LIKE_TYPES

RACE_LIKE = RACE_LIKE_TYPES


# ---------------------------------------------------------------------------------- catalog


def build_info(key: WarehouseKey) -> dict[str, Any]:
    return scalar_frame(
        key,
        "select build_id, built_at, sessions, first_season, last_season, laps"
        " from gold.warehouse_build_info limit 1",
    )


def sessions_catalog(key: WarehouseKey) -> pd.DataFrame:
    """Every ingested session with its labels and data availability (drives the filters)."""
    return run_query(
        key,
        """
        select s.session_id, s.event_id, s.season, s.round, s.session_code, s.session_name,
               s.session_type, s.session_start_at, s.event_name, s.country, s.location,
               s.driver_count, s.lap_count, s.max_lap_number, s.fastest_lap_driver_code,
               s.fastest_lap_ms, s.has_laps, s.has_results, s.has_weather, s.has_race_control
        from gold.dim_sessions s
        order by s.season, s.round, s.session_start_at nulls last, s.session_code
        """,
    )


# --------------------------------------------------------------------------------- overview


def session_kpis(key: WarehouseKey, session_id: str) -> dict[str, Any]:
    """Laps, drivers and teams of one session (drivers/teams from results when no laps)."""
    return scalar_frame(
        key,
        """
        with lap_stats as (
            select count(*) as laps, count(distinct driver_code) as drivers,
                   count(distinct team_name) as teams
            from gold.fct_laps where session_id = ?
        ), result_stats as (
            select count(distinct driver_code) as drivers, count(distinct team_name) as teams
            from gold.fct_results where session_id = ?
        )
        select l.laps, greatest(l.drivers, r.drivers) as drivers,
               greatest(l.teams, r.teams) as teams
        from lap_stats l cross join result_stats r
        """,
        (session_id, session_id),
    )


def fastest_laps(key: WarehouseKey, session_id: str, limit: int = 50) -> pd.DataFrame:
    """The session's fastest valid laps (timed, accurate, not deleted), quickest first."""
    return run_query(
        key,
        """
        select row_number() over (order by l.lap_time_ms, l.lap_end_session_time_ms) as rank,
               l.driver_code, d.driver_full_name, l.team_name, l.lap_number, l.compound,
               l.tyre_life_laps, l.lap_time_ms, l.sector_1_ms, l.sector_2_ms, l.sector_3_ms,
               l.gap_to_session_best_ms, l.speed_st_kmh, l.is_personal_best
        from gold.fct_laps l
        left join gold.dim_drivers d
            on d.driver_code = l.driver_code
            and l.season between coalesce(d.first_season, l.season)
            and coalesce(d.last_season, l.season)
        where l.session_id = ? and l.lap_time_ms is not null
          and not coalesce(l.is_deleted, false) and coalesce(l.is_accurate, false)
        order by l.lap_time_ms, l.lap_end_session_time_ms
        limit ?
        """,
        (session_id, limit),
    )


def team_summaries(key: WarehouseKey, event_id: str) -> pd.DataFrame:
    """Per team per qualifying / sprint / race session of an event (qualifying sessions are
    placed by the qualifying classification; `laps` is null when the session has no laps)."""
    return run_query(
        key,
        """
        with placed as (
            select r.*, coalesce(r.finish_position, q.qualifying_position) as placed_position
            from gold.fct_results r
            left join gold.fct_qualifying q
                on q.session_id = r.session_id and q.driver_code = r.driver_code
        )
        select s.session_id, s.session_code, s.session_name, s.session_type, s.session_start_at,
               s.has_laps, r.team_name, any_value(t.team_colour_hex) as team_colour_hex,
               string_agg(r.driver_code, ' · ' order by r.placed_position nulls last)
                   as drivers,
               min(r.placed_position) as best_position,
               sum(r.points) as points,
               min(coalesce(ds.best_lap_ms, r.best_qualifying_lap_ms)) as best_lap_ms,
               sum(ds.laps) as laps,
               sum(ds.pit_stops) as pit_stops
        from gold.dim_sessions s
        join placed r using (session_id)
        left join gold.driver_session_summary ds
            on ds.session_id = r.session_id and ds.driver_code = r.driver_code
        left join gold.dim_teams t on t.season = s.season and t.team_name = r.team_name
        where s.event_id = ? and s.session_type in ('qualifying', 'sprint_qualifying',
                                                    'sprint', 'race')
        group by all
        order by s.session_start_at, best_position nulls last, best_lap_ms nulls last
        """,
        (event_id,),
    )


def weather_summary(key: WarehouseKey, session_id: str) -> dict[str, Any]:
    return scalar_frame(
        key,
        """
        select air_temp_avg_c, track_temp_avg_c, humidity_avg_pct, wind_speed_avg_ms,
               had_rainfall
        from gold.session_weather_summary where session_id = ?
        """,
        (session_id,),
    )


# ------------------------------------------------------------------------------------- race


def session_results(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    return run_query(
        key,
        """
        select finish_position, classified_position, driver_code, driver_full_name, team_name,
               team_colour_hex, grid_position, positions_gained, status, points,
               laps_completed, race_time_ms, best_qualifying_lap_ms
        from gold.fct_results where session_id = ?
        order by finish_position nulls last, position_order nulls last, driver_code
        """,
        (session_id,),
    )


def positions(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Running position at the end of every lap (races and sprints), with team colours; lap 0 is
    the starting grid (a pit-lane start = the last grid slot, the cars that took the start).
    Drivers come in the classification's order (fct_results.position_order)."""
    return run_query(
        key,
        """
        with laps as (
            select driver_code, team_name, season, lap_number, running_position
            from gold.fct_laps
            where session_id = ? and running_position is not null
        ), starters as (
            -- the slot each car started from (a pit-lane start: the last), gold's own rule
            select driver_code, team_name, season, starting_grid_slot
            from gold.fct_results
            where session_id = ? and starting_grid_slot is not null
        ), grid as (
            select driver_code, team_name, season, 0 as lap_number,
                   starting_grid_slot as running_position
            from starters
            where driver_code in (select driver_code from laps)
        ), lap_positions as (
            select * from grid
            union all
            select * from laps
        )
        select p.driver_code, p.team_name, p.lap_number, p.running_position,
               t.team_colour_hex, r.position_order as finish_order
        from lap_positions p
        left join gold.dim_teams t on t.season = p.season and t.team_name = p.team_name
        left join gold.fct_results r on r.session_id = ? and r.driver_code = p.driver_code
        order by r.position_order nulls last, p.driver_code, p.lap_number
        """,
        (session_id, session_id, session_id),
    )


def stints(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    return run_query(
        key,
        """
        select st.driver_code, st.team_name, st.stint_number, st.compound,
               st.first_lap_number, st.last_lap_number, st.laps_in_stint,
               st.tyre_age_at_start_laps, st.is_fresh_tyre, st.avg_clean_lap_ms,
               st.degradation_ms_per_lap, ds.finish_position, ds.best_lap_rank
        from gold.fct_stints st
        left join gold.driver_session_summary ds
            on ds.session_id = st.session_id and ds.driver_code = st.driver_code
        where st.session_id = ?
        order by ds.finish_position nulls last, ds.best_lap_rank nulls last, st.driver_code,
                 st.stint_number
        """,
        (session_id,),
    )


def clean_laps(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Representative laps (timed, accurate, no pit, track clear) for distributions."""
    return run_query(
        key,
        """
        select l.driver_code, l.team_name, l.lap_number, l.lap_time_ms, l.compound,
               t.team_colour_hex
        from gold.fct_laps l
        left join gold.dim_teams t on t.season = l.season and t.team_name = l.team_name
        where l.session_id = ? and l.is_clean_lap
        order by l.driver_code, l.lap_number
        """,
        (session_id,),
    )


def pit_stops(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    return run_query(
        key,
        """
        select driver_code, team_name, pit_stop_number, in_lap_number, pit_lane_time_ms,
               compound_before, compound_after
        from gold.fct_pit_stops where session_id = ?
        order by in_lap_number, pit_in_session_time_ms
        """,
        (session_id,),
    )


def race_control(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    return run_query(
        key,
        """
        select message_sequence, message_at, lap_number, category, flag, scope, sector,
               driver_number, message
        from silver.stg_race_control where session_id = ?
        order by message_sequence
        """,
        (session_id,),
    )
