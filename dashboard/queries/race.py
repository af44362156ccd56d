"""The race views' SQL: lap-end times of every car (gap to the leader, intervals), the
leader's track status per lap (neutralised periods), stint pace per compound."""

from __future__ import annotations

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query


def lap_end_times(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """When every car crossed the line at the end of each lap, in classification order."""
    return run_query(
        key,
        """
        select l.driver_code, l.team_name, l.lap_number, l.lap_end_session_time_ms,
               t.team_colour_hex, r.position_order as finish_order
        from gold.fct_laps l
        left join gold.dim_teams t on t.season = l.season and t.team_name = l.team_name
        left join gold.fct_results r
            on r.session_id = l.session_id and r.driver_code = l.driver_code
        where l.session_id = ? and l.lap_end_session_time_ms is not null
        order by r.position_order nulls last, l.driver_code, l.lap_number
        """,
        (session_id,),
    )


def leader_track_status(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """The race leader's track status on each lap (Fast-F1's codes, gold.fct_laps)."""
    return run_query(
        key,
        """
        select lap_number, track_status
        from gold.fct_laps
        where session_id = ? and running_position = 1
        order by lap_number
        """,
        (session_id,),
    )


def compound_pace(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Clean laps with their tyre age and compound (the stint pace chart)."""
    return run_query(
        key,
        """
        select l.driver_code, l.stint_number, l.compound, l.tyre_life_laps, l.lap_number,
               l.lap_time_ms
        from gold.fct_laps l
        where l.session_id = ? and l.is_clean_lap and l.tyre_life_laps is not null
        order by l.compound, l.tyre_life_laps
        """,
        (session_id,),
    )


def stint_summary(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Every stint's clean-lap pace and degradation (gold.fct_stints)."""
    return run_query(
        key,
        """
        select driver_code, team_name, stint_number, compound, laps_in_stint,
               tyre_age_at_start_laps, avg_clean_lap_ms, degradation_ms_per_lap
        from gold.fct_stints
        where session_id = ?
        order by compound, driver_code, stint_number
        """,
        (session_id,),
    )
