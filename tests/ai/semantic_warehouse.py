"""A tiny conformed warehouse across eras (the dbt contracts' schema) for the semantic layer's
tests: a few races of 1988-2024 whose answers are known by construction.

Wins: Verstappen 4 (2021 Monaco, 2023 British, Monaco, Italian), Senna 3 (1988 Monaco, British,
1989 Monaco), Hamilton 2 (2021 British, 2024 British), M. Schumacher 1 (1998 Monaco). Titles
(complete seasons): Verstappen 2021 and 2023, Senna 1988, M. Schumacher 1998; Hamilton leads the
incomplete 2024. Bruno Senna, Mick Schumacher, Graham and Damon Hill, Al Pease never won.
Round r of a season is on the first of month r + 3; the grid is the finishing order (DNF: 10th).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.ai.contract_schema import contract_ddl

DRIVERS = """('hamilton', 1, 'HAM', 'Lewis', 'Hamilton', '1985-01-07'), ('max_verstappen', 830,
 'VER', 'Max', 'Verstappen', '1997-09-30'), ('senna', 102, null, 'Ayrton', 'Senna', '1960-03-21'),
 ('bruno_senna', 811, 'SEN', 'Bruno', 'Senna', '1983-10-15'), ('michael_schumacher', 30, 'MSC',
 'Michael', 'Schumacher', '1969-01-03'), ('mick_schumacher', 854, 'MSC', 'Mick', 'Schumacher',
 '1999-03-22'), ('hill', 289, null, 'Graham', 'Hill', '1929-02-15'), ('damon_hill', 71, null,
 'Damon', 'Hill', '1960-09-17'), ('pease', 400, null, 'Al', 'Pease', '1921-10-15')"""
EVENTS = """('1988-01', 1988, 1, 'Monaco Grand Prix', 'monaco', 'Monaco', 'Monte-Carlo', 10),
 ('1988-02', 1988, 2, 'British Grand Prix', 'silverstone', 'United Kingdom', 'Silverstone', 11),
 ('1989-01', 1989, 1, 'Monaco Grand Prix', 'monaco', 'Monaco', 'Monte-Carlo', 12),
 ('1998-01', 1998, 1, 'Monaco Grand Prix', 'monaco', 'Monaco', 'Monte-Carlo', 13),
 ('2021-01', 2021, 1, 'British Grand Prix', 'silverstone', 'United Kingdom', 'Silverstone', 14),
 ('2021-02', 2021, 2, 'Monaco Grand Prix', 'monaco', 'Monaco', 'Monte-Carlo', 15),
 ('2023-01', 2023, 1, 'British Grand Prix', 'silverstone', 'United Kingdom', 'Silverstone', 20),
 ('2023-02', 2023, 2, 'Monaco Grand Prix', 'monaco', 'Monaco', 'Monte-Carlo', 21),
 ('2023-03', 2023, 3, 'Italian Grand Prix', 'monza', 'Italy', 'Monza', 22),
 ('2024-01', 2024, 1, 'British Grand Prix', 'silverstone', 'United Kingdom', 'Silverstone', 30)"""
# event, session, driver, constructor, finish position (null: did not finish)
RESULTS = """('1988-01', 'R', 'senna', 'mclaren', 1), ('1988-01', 'R', 'hill', 'lotus', 2),
 ('1988-02', 'R', 'senna', 'mclaren', 1), ('1988-02', 'R', 'pease', 'lotus', null),
 ('1989-01', 'R', 'senna', 'mclaren', 1), ('1989-01', 'R', 'hill', 'lotus', 3),
 ('1998-01', 'R', 'michael_schumacher', 'ferrari', 1), ('1998-01', 'R', 'damon_hill', 'ferrari', 2),
 ('2021-01', 'R', 'hamilton', 'mercedes', 1), ('2021-01', 'R', 'max_verstappen', 'red_bull', null),
 ('2021-02', 'R', 'max_verstappen', 'red_bull', 1), ('2021-02', 'R', 'hamilton', 'mercedes', 2),
 ('2023-01', 'R', 'max_verstappen', 'red_bull', 1), ('2023-01', 'R', 'hamilton', 'mercedes', 2),
 ('2023-01', 'S', 'hamilton', 'mercedes', 1), ('2023-01', 'S', 'max_verstappen', 'red_bull', 2),
 ('2023-02', 'R', 'max_verstappen', 'red_bull', 1), ('2023-02', 'R', 'mick_schumacher', 'haas', 2),
 ('2023-03', 'R', 'max_verstappen', 'red_bull', 1), ('2023-03', 'R', 'bruno_senna', 'ferrari', 3),
 ('2024-01', 'R', 'hamilton', 'mercedes', 1), ('2024-01', 'R', 'max_verstappen', 'red_bull', 2)"""
TEAMS = """('mclaren', 'McLaren', 180), ('lotus', 'Team Lotus', 40), ('ferrari', 'Ferrari', 250),
 ('mercedes', 'Mercedes', 130), ('red_bull', 'Red Bull Racing', 120), ('haas', 'Haas F1 Team', 0)"""
STATEMENTS = [
    f"""insert into gold.dim_drivers by name select
    * replace (date_of_birth::date as date_of_birth), first_name || ' ' || last_name as
    driver_full_name from (values {DRIVERS})
    t(driver_ref, driver_id, driver_code, first_name, last_name, date_of_birth)""",
    f"""insert into gold.dim_events by name select *, make_date(season, round + 3, 1) as
    event_date from (values {EVENTS})
    t(event_id, season, round, event_name, circuit_ref, country, location, race_id)""",
    """insert into gold.dim_circuits by name select * from (values
    ('monaco', 'Circuit de Monaco', 'Monte-Carlo', 'Monaco'),
    ('silverstone', 'Silverstone Circuit', 'Silverstone', 'United Kingdom'),
    ('monza', 'Autodromo Nazionale di Monza', 'Monza', 'Italy'))
    t(circuit_ref, circuit_name, locality, country)""",
    f"""insert into gold.dim_constructors by name select ref as constructor_ref,
    name as constructor_name, name as latest_team_name from (values {TEAMS}) t(ref, name, w)""",
    """insert into gold.dim_teams by name select distinct r.season, r.constructor_ref,
    c.latest_team_name as team_name from gold.fct_results r join gold.dim_constructors c
    using (constructor_ref)""",
    """insert into gold.dim_seasons by name select season, season < 2024 as is_complete
    from (values (1988), (1989), (1998), (2021), (2023), (2024)) t(season)""",
    """insert into gold.season_champions by name select * from (values
    (1988, 'senna', 'mclaren', true), (1998, 'michael_schumacher', 'ferrari', true),
    (2021, 'max_verstappen', 'red_bull', true), (2023, 'max_verstappen', 'red_bull', true),
    (2024, 'hamilton', 'mercedes', false))
    t(season, driver_ref, constructor_ref, is_season_complete)""",
    """insert into gold.fct_laps by name select '2023-01-R' as session_id, '2023-01' as event_id,
    2023 as season, 1 as round, 'R' as session_code, code as driver_code, lap as lap_number,
    pos as running_position from (values ('VER', 1, 1), ('VER', 2, 1), ('VER', 3, 1),
    ('HAM', 1, 2), ('HAM', 2, 2), ('HAM', 3, 2), ('HAM', 4, 1), ('HAM', 5, 1), ('VER', 4, 2),
    ('VER', 5, 2)) t(code, lap, pos)""",
    """insert into gold.fct_pit_stops by name select * from (values
    ('2023-01', 2023, 'R', 'hamilton', 'mercedes', 2400), ('2023-01', 2023, 'R', 'hamilton',
    'mercedes', 2600), ('2023-01', 2023, 'R', 'max_verstappen', 'red_bull', 2100))
    t(event_id, season, session_code, driver_ref, constructor_ref, pit_duration_ms)""",
    # standings after each round a driver scored in (races and sprints, cumulative)
    """insert into gold.fct_driver_standings by name select event_id, season, round, driver_ref,
    sum(points) over (partition by season, driver_ref order by round) as points from (
    select event_id, season, round, driver_ref, sum(points) as points from gold.fct_results
    group by all)""",
    # qualifying: the race's finishing order, Q3 80.1 s for P1, +0.1 s a place (DNF: P10)
    """insert into gold.fct_qualifying by name select event_id, season, round, 'Q' as
    session_code, driver_ref, constructor_ref, starting_grid_slot as qualifying_position,
    80000 + 100 * starting_grid_slot as q3_ms from gold.fct_results where session_code = 'R'""",
]
RESULTS_SQL = f"""insert into gold.fct_results by name select
  r.event_id || '-' || r.session_code as session_id, r.event_id, e.season, e.round,
  r.session_code, r.driver_ref, r.constructor_ref, d.driver_code, d.driver_full_name,
  c.latest_team_name as team_name, e.event_name, e.event_date, e.circuit_ref,
  r.pos as finish_position, coalesce(r.pos, 10) as position_order,
  coalesce(r.pos, 10) as grid_position,
  coalesce(r.pos, 10) as starting_grid_slot, true as is_start, r.pos is null as is_dnf,
  coalesce(r.pos = 1, false) as is_winner, coalesce(r.pos <= 3, false) as is_podium,
  r.session_code = 'R' and r.pos = 1 as is_pole, false as has_fastest_lap,
  case when r.session_code = 'S' then 8 - r.pos else [25, 18, 15][r.pos] end as points,
  0 as positions_gained
from (values {RESULTS}) r(event_id, session_code, driver_ref, constructor_ref, pos)
join gold.dim_events e using (event_id) join gold.dim_drivers d using (driver_ref)
join gold.dim_constructors c using (constructor_ref)"""


def build_semantic_warehouse(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(contract_ddl())
        for statement in STATEMENTS[:4]:
            con.execute(statement)
        con.execute(RESULTS_SQL)
        for statement in STATEMENTS[4:]:
            con.execute(statement)
    finally:
        con.close()
    return path
