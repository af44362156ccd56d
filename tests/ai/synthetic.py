"""A small synthetic warehouse with the served silver/gold schema generated from the dbt contracts
(contract_schema.py), for unit tests that must not wait for the real one: two 2024 events, three
drivers, results, 3000 laps, and two internal `lake` tables as canaries."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.ai.contract_schema import contract_ddl

ROWS = [
    """insert into gold.dim_events by name
    select * from (values
      ('2024-01', 2024, 1, 'Bahrain Grand Prix', 'Bahrain', 'Sakhir', date '2024-03-02'),
      ('2024-02', 2024, 2, 'Saudi Arabian Grand Prix', 'Saudi Arabia', 'Jeddah',
       date '2024-03-09')) t(event_id, season, round, event_name, country, location, event_date)""",
    """insert into gold.dim_sessions by name
    select e.event_id || '-' || c.code as session_id, e.event_id, e.season, e.round,
      c.code as session_code, c.name as session_name, e.event_name, e.country, e.location,
      true as has_laps, true as has_results, false as has_weather, false as has_race_control,
      'VER' as fastest_lap_driver_code, 90000 as fastest_lap_ms
    from gold.dim_events e, (values ('Q', 'Qualifying'), ('R', 'Race')) c(code, name)""",
    """insert into gold.dim_drivers by name
    select *, 2024 as first_season, 2024 as last_season, 2 as sessions_count from (values
      ('max_verstappen', 'VER', 'Max Verstappen', 'Max', 'Verstappen', '1', 'Red Bull Racing'),
      ('leclerc', 'LEC', 'Charles Leclerc', 'Charles', 'Leclerc', '16', 'Ferrari'),
      ('hamilton', 'HAM', 'Lewis Hamilton', 'Lewis', 'Hamilton', '44', 'Mercedes'))
      t(driver_ref, driver_code, driver_full_name, first_name, last_name, latest_driver_number,
        latest_team_name)""",
    """insert into gold.dim_teams by name
    select '2024-' || ref as team_season_id, ref as constructor_ref, * exclude (ref)
    from (values (2024, 'red_bull', 'Red Bull Racing'),
      (2024, 'ferrari', 'Ferrari'), (2024, 'mercedes', 'Mercedes')) t(season, ref, team_name)""",
    """insert into gold.fct_results by name
    select s.session_id || '-' || d.driver_code as result_id, s.session_id, s.event_id, s.season,
      s.round, s.session_code, d.driver_ref, d.driver_code,
      d.latest_driver_number as driver_number, d.driver_full_name,
      d.latest_team_name as team_name, p.pos as finish_position, p.pos + 1 as grid_position,
      case when s.session_code = 'R' then 26 - p.pos * 7 end as points,
      s.session_code = 'R' and p.pos = 1 as is_winner,
      s.session_code = 'R' and p.pos <= 3 as is_podium
    from gold.dim_sessions s, gold.dim_drivers d,
      (values ('VER', 1), ('LEC', 2), ('HAM', 3)) p(code, pos)
    where p.code = d.driver_code""",
    """insert into gold.fct_laps by name
    select '2024-01-Q' as session_id, '2024-01' as event_id, 2024 as season, 1 as round,
      'Q' as session_code, ['VER', 'LEC', 'HAM'][i % 3 + 1] as driver_code,
      (i // 3 + 1)::integer as lap_number, (90000 + i * 7 % 5000)::bigint as lap_time_ms,
      false as is_deleted
    from range(3000) r(i)""",
    # Internal tables a real warehouse holds beside the served schemas (lake.*): canaries that no
    # answer, error message or refusal may ever show.
    """create schema lake;
    create table lake.bronze_files as select 'CANARY_INTERNAL_PATH' as path;
    create table lake.model_lineage as select 'CANARY_INTERNAL_MODEL' as model""",
]


def build_synthetic_warehouse(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(contract_ddl())
        for statement in ROWS:
            con.execute(statement)
    finally:
        con.close()
    return path
