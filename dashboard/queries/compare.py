"""The Compare page's SQL: a session's drivers, their laps and fastest-lap telemetry.

A driver code is not unique over history (VER: Vergne 2014, Verstappen 2015-), so names come
from dim_drivers within the driver's seasons."""

from __future__ import annotations

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query


def session_drivers(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Drivers with laps in a session, best lap first (the compare page's pickers)."""
    return run_query(
        key,
        """
        select ds.driver_code, d.driver_full_name, ds.team_name, ds.laps, ds.clean_laps,
               ds.best_lap_ms, ds.best_lap_rank, ds.avg_clean_lap_ms, ds.finish_position,
               t.team_colour_hex
        from gold.driver_session_summary ds
        left join gold.dim_drivers d
            on d.driver_code = ds.driver_code
            and ds.season between coalesce(d.first_season, ds.season)
            and coalesce(d.last_season, ds.season)
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


def sector_bests(key: WarehouseKey, session_id: str, drivers: tuple[str, ...]) -> pd.DataFrame:
    """Per driver: best time in each sector (laps not deleted), the ideal lap (their sum) and
    the top speed at each speed trap (intermediates 1 and 2, finish line, speed trap)."""
    return run_query(
        key,
        """
        select driver_code,
               min(sector_1_ms) filter (where not coalesce(is_deleted, false)) as best_s1_ms,
               min(sector_2_ms) filter (where not coalesce(is_deleted, false)) as best_s2_ms,
               min(sector_3_ms) filter (where not coalesce(is_deleted, false)) as best_s3_ms,
               max(speed_i1_kmh) as top_i1_kmh, max(speed_i2_kmh) as top_i2_kmh,
               max(speed_fl_kmh) as top_fl_kmh, max(speed_st_kmh) as top_st_kmh
        from gold.fct_laps
        where session_id = ? and list_contains(?, driver_code)
        group by driver_code
        """,
        (session_id, list(drivers)),
    )
