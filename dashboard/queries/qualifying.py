"""The qualifying views' SQL: the Q1/Q2/Q3 classification of a session (gold.fct_qualifying)."""

from __future__ import annotations

import pandas as pd

from dashboard.queries.connection import WarehouseKey, run_query
from f1lake.sessions import QUALIFYING_TYPES

QUALIFYING_LIKE = QUALIFYING_TYPES


def qualifying_classification(key: WarehouseKey, session_id: str) -> pd.DataFrame:
    """Each driver's best time per part (q1/q2/q3), classification order, with the deciding
    lap (the one that set the driver's time in the last part they ran) from fct_laps."""
    return run_query(
        key,
        """
        with classification as (
            select q.session_id, q.season, q.qualifying_position, q.driver_code,
                   q.driver_full_name, q.team_name, q.q1_ms, q.q2_ms, q.q3_ms, q.best_lap_ms,
                   coalesce(q.q3_ms, q.q2_ms, q.q1_ms) as deciding_lap_ms
            from gold.fct_qualifying q
            where q.session_id = ?
        ), deciding as (
            select l.driver_code, l.lap_time_ms, min(l.lap_number) as lap_number
            from gold.fct_laps l
            where l.session_id = ? and l.lap_time_ms is not null
            group by l.driver_code, l.lap_time_ms
        )
        select c.qualifying_position, c.driver_code, c.driver_full_name, c.team_name,
               c.q1_ms, c.q2_ms, c.q3_ms, c.best_lap_ms, c.deciding_lap_ms,
               d.lap_number as deciding_lap_number, t.team_colour_hex
        from classification c
        left join deciding d
            on d.driver_code = c.driver_code and d.lap_time_ms = c.deciding_lap_ms
        left join gold.dim_teams t on t.season = c.season and t.team_name = c.team_name
        order by c.qualifying_position nulls last, c.driver_code
        """,
        (session_id, session_id),
    )
