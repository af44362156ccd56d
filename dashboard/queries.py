"""Every SQL statement the dashboard runs, and how it reaches the warehouse.

Connection strategy (chosen on purpose): NO long-lived connection. The transform swaps the served
file atomically (a new file renamed over `<root>/warehouse/f1.duckdb`), so a connection held open
across a rebuild would keep reading the replaced file forever. Each query therefore opens a
short-lived read-only connection through `f1lake.warehouse.read_connection` and closes it.

Results are cached with `st.cache_data(ttl=…)`, keyed on the warehouse file's identity
(inode, mtime, size): a swap changes the identity, so every page reads the new build on its next
rerun, while reruns on an unchanged file cost no query at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.settings import DashboardSettings
from f1lake.warehouse import WarehouseMissingError, read_connection

logger = logging.getLogger(__name__)

CACHE_TTL_S = DashboardSettings().query_cache_ttl_s
RACE_LIKE = ("race", "sprint")
SUMMARY_SESSION_TYPES = ("qualifying", "sprint_qualifying", "sprint", "race")


class WarehouseOutdatedError(RuntimeError):
    """The warehouse exists but lacks a served table (built by an older transform)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "The warehouse is missing tables this dashboard reads: rebuild it with `make gold`."
            f" ({detail.splitlines()[0]})"
        )


@dataclass(frozen=True)
class WarehouseKey:
    """A served warehouse file and its identity; the identity changes on every swap."""

    path: str
    inode: int
    mtime_ns: int
    size: int


def warehouse_key(path: Path | None = None) -> WarehouseKey:
    """The current served file, or WarehouseMissingError (message names `make gold`)."""
    target = path or DashboardSettings().warehouse_path
    try:
        stat = target.stat()
    except FileNotFoundError:
        raise WarehouseMissingError(target) from None
    return WarehouseKey(str(target), stat.st_ino, stat.st_mtime_ns, stat.st_size)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=512, show_spinner=False)
def run_query(key: WarehouseKey, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
    """One statement on a short-lived read-only connection; cached per warehouse identity."""
    try:
        with read_connection(Path(key.path)) as con:
            return con.execute(sql, list(params)).df()
    except duckdb.CatalogException as error:
        raise WarehouseOutdatedError(str(error)) from error


def scalar_frame(key: WarehouseKey, sql: str, params: tuple[Any, ...] = ()) -> dict[str, Any]:
    frame = run_query(key, sql, params)
    return {} if frame.empty else {str(k): v for k, v in frame.iloc[0].items()}


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
        left join gold.dim_drivers d using (driver_code)
        where l.session_id = ? and l.lap_time_ms is not null
          and not coalesce(l.is_deleted, false) and coalesce(l.is_accurate, false)
        order by l.lap_time_ms, l.lap_end_session_time_ms
        limit ?
        """,
        (session_id, limit),
    )


def team_summaries(key: WarehouseKey, event_id: str) -> pd.DataFrame:
    """Per team per qualifying / sprint / race session of an event."""
    return run_query(
        key,
        """
        select s.session_id, s.session_code, s.session_name, s.session_type, s.session_start_at,
               r.team_name, any_value(t.team_colour_hex) as team_colour_hex,
               string_agg(r.driver_code, ' · ' order by r.finish_position nulls last)
                   as drivers,
               min(r.finish_position) as best_position,
               sum(r.points) as points,
               min(coalesce(ds.best_lap_ms, r.best_qualifying_lap_ms)) as best_lap_ms,
               sum(ds.laps) as laps,
               sum(ds.pit_stops) as pit_stops
        from gold.dim_sessions s
        join gold.fct_results r using (session_id)
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
        order by finish_position nulls last, driver_code
        """,
        (session_id,),
    )


def positions(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Running position at the end of every lap (races and sprints), with team colours; lap 0 is
    the starting grid (a pit-lane start = the last grid slot, the cars that took the start)."""
    return run_query(
        key,
        """
        with laps as (
            select driver_code, team_name, season, lap_number, running_position
            from gold.fct_laps
            where session_id = ? and running_position is not null
        ), starters as (
            select driver_code, team_name, season, grid_position, is_pit_lane_start,
                   count(*) over () as grid_slots
            from gold.fct_results
            where session_id = ? and (grid_position is not null or is_pit_lane_start)
        ), grid as (
            select driver_code, team_name, season, 0 as lap_number,
                   case when is_pit_lane_start then grid_slots else grid_position end
                       as running_position
            from starters
            where driver_code in (select driver_code from laps)
        ), lap_positions as (
            select * from grid
            union all
            select * from laps
        )
        select p.driver_code, p.team_name, p.lap_number, p.running_position,
               t.team_colour_hex
        from lap_positions p
        left join gold.dim_teams t on t.season = p.season and t.team_name = p.team_name
        order by p.driver_code, p.lap_number
        """,
        (session_id, session_id),
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


# ---------------------------------------------------------------------------------- compare


def session_drivers(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Drivers with laps in a session, best lap first (the compare page's pickers)."""
    return run_query(
        key,
        """
        select ds.driver_code, d.driver_full_name, ds.team_name, ds.laps, ds.clean_laps,
               ds.best_lap_ms, ds.best_lap_rank, ds.avg_clean_lap_ms, ds.finish_position,
               t.team_colour_hex
        from gold.driver_session_summary ds
        left join gold.dim_drivers d using (driver_code)
        left join gold.dim_teams t on t.season = ds.season and t.team_name = ds.team_name
        where ds.session_id = ? and ds.laps > 0
        order by ds.best_lap_rank nulls last, ds.finish_position nulls last, ds.driver_code
        """,
        (session_id,),
    )


def driver_laps(key: WarehouseKey, session_id: str, drivers: tuple[str, ...]) -> pd.DataFrame:
    """Every lap of the given drivers in a session, lap by lap."""
    return run_query(
        key,
        """
        select driver_code, lap_number, lap_time_ms, compound, is_clean_lap, is_pit_in_lap,
               is_pit_out_lap, is_deleted, lap_end_session_time_ms, is_personal_best
        from gold.fct_laps
        where session_id = ? and list_contains(?, driver_code)
        order by driver_code, lap_number
        """,
        (session_id, list(drivers)),
    )


def fastest_lap_telemetry(
    key: WarehouseKey, session_id: str, drivers: tuple[str, ...]
) -> pd.DataFrame:
    """Speed, throttle and brake over each driver's fastest lap (empty without telemetry)."""
    return run_query(
        key,
        """
        select driver_code, lap_number, lap_time_ms, sample_number, lap_elapsed_ms,
               lap_distance_m, speed_kmh, throttle_pct, is_braking, gear
        from gold.fct_fastest_lap_telemetry
        where session_id = ? and list_contains(?, driver_code)
        order by driver_code, sample_number
        """,
        (session_id, list(drivers)),
    )


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
        from gold.fct_history_results where driver_ref in ({marks})
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
        select season, race_name, driver_full_name as winner, constructor_name as team,
               grid_position as grid
        from gold.fct_history_results where circuit_ref = ? and is_winner
        order by race_date desc
        """,
        (circuit_ref,),
    )


# ------------------------------------------------------------------------------ predictions

PREDICTION_TARGETS = ("win", "podium", "top10", "dnf")


def predicted_races(key: WarehouseKey) -> pd.DataFrame:
    """Every race predicted with `python -m ml predict`, the latest first."""
    return run_query(
        key,
        """
        select event_id, season, round, any_value(race_name) as race_name,
               any_value(race_date) as race_date, bool_or(is_race_run) as is_race_run,
               count(*) as drivers, max(win_model_version) as win_model_version
        from gold.fct_predictions
        group by event_id, season, round
        order by season desc, round desc
        """,
    )


def race_predictions(key: WarehouseKey, event_id: str) -> pd.DataFrame:
    """Each driver's probabilities for one predicted race (favourite first) and the outcome."""
    return run_query(
        key,
        """
        select predicted_win_rank, driver_code, driver_full_name, constructor_name, p_win,
               p_podium, p_top10, p_dnf, is_race_run, grid_slot, actual_finish_position,
               actual_win, actual_podium, actual_top10, actual_dnf
        from gold.fct_predictions where event_id = ?
        order by p_win desc, p_podium desc, driver_code
        """,
        (event_id,),
    )


def prediction_reliability(key: WarehouseKey, bins: int = 10) -> pd.DataFrame:
    """Reliability per target over every predicted race with a result: predictions in `bins`
    equal bins of probability, the mean predicted and the observed frequency of each bin."""
    arms = " union all ".join(
        f"select '{t}' as target, p_{t} as p, cast(actual_{t} as double) as observed "
        f"from gold.fct_predictions where is_race_run and actual_{t} is not null"
        for t in PREDICTION_TARGETS
    )
    return run_query(
        key,
        f"""
        with outcomes as ({arms})
        select target, least(floor(p * ?), ? - 1) as bin, avg(p) as mean_predicted,
               avg(observed) as observed_frequency, count(*) as predictions
        from outcomes
        group by target, bin
        order by target, bin
        """,
        (bins, bins),
    )
