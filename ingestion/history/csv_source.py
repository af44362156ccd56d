"""Read an Ergast-format CSV dump (`--from-csv`) into bronze-shaped Arrow tables.

The format Ergast published and the public dumps keep: camelCase headers, `\\N` for NULL, and
ragged rows (seasons added later carry fewer columns, e.g. races of 2025 stop after `url`).
Every file is read as text (`all_varchar`, `null_padding`) and cast here, so a dump whose type
sniffing would differ still gives the same bronze schema. lap_times.csv is optional. The numeric
ids (raceId, circuitId, driverId, constructorId) are kept as `ergast_id` of races, circuits,
drivers and constructors.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pyarrow as pa

from ingestion.errors import SelectionError
from ingestion.history.schema import DIMENSION_TABLES, SEASON_TABLES, conform

logger = logging.getLogger(__name__)

REQUIRED_FILES = (
    "races",
    "results",
    "sprint_results",
    "qualifying",
    "pit_stops",
    "driver_standings",
    "constructor_standings",
    "constructor_results",
    "seasons",
    "circuits",
    "drivers",
    "constructors",
    "status",
)
OPTIONAL_FILES = ("lap_times",)

_POSITION = "case when regexp_full_match(positionText, '[0-9]+') then positionText::bigint end"
_RESULT_SQL = f"""
    select r.season, r.round, d.driverRef as driver_ref, c.constructorRef as constructor_ref,
        t.number::bigint as number, t.grid::bigint as grid, {_POSITION} as position,
        t.positionText as position_text, t.positionOrder::bigint as position_order,
        t.points::double as points, t.laps::bigint as laps, t.time as time,
        t.milliseconds::bigint as milliseconds, t.fastestLap::bigint as fastest_lap,
        t.rank::bigint as fastest_lap_rank, t.fastestLapTime as fastest_lap_time,
        {{speed}} as fastest_lap_speed, s.status as status
    from {{table}} as t
    join race_keys as r using (raceId)
    join drivers as d using (driverId)
    join constructors as c using (constructorId)
    left join status as s using (statusId)
"""
_SESSION_COLUMNS = ", ".join(
    f"r.{s}_date::date as {s}_date, r.{s}_time as {s}_time"
    for s in ("fp1", "fp2", "fp3", "quali", "sprint")
)

QUERIES: dict[str, str] = {
    "races": f"""
        select r.year::bigint as season, r.round::bigint as round, r.name as race_name,
            c.circuitRef as circuit_ref, r.date::date as date, r.time, r.url, {_SESSION_COLUMNS},
            r.raceId::bigint as ergast_id
        from races as r join circuits as c using (circuitId)""",
    "results": _RESULT_SQL.format(table="results", speed="t.fastestLapSpeed::double"),
    "sprint_results": _RESULT_SQL.format(table="sprint_results", speed="null::double"),
    "qualifying": """
        select r.season, r.round, d.driverRef as driver_ref, c.constructorRef as constructor_ref,
            q.number::bigint as number, q.position::bigint as position, q1, q2, q3
        from qualifying as q join race_keys as r using (raceId)
        join drivers as d using (driverId) join constructors as c using (constructorId)""",
    "pit_stops": """
        select r.season, r.round, d.driverRef as driver_ref, p.stop::bigint as stop,
            p.lap::bigint as lap, p.time, p.duration, p.milliseconds::bigint as milliseconds
        from pit_stops as p join race_keys as r using (raceId)
        join drivers as d using (driverId)""",
    "lap_times": """
        select r.season, r.round, d.driverRef as driver_ref, l.lap::bigint as lap,
            l.position::bigint as position, l.time, l.milliseconds::bigint as milliseconds
        from lap_times as l join race_keys as r using (raceId)
        join drivers as d using (driverId)""",
    "driver_standings": """
        select r.season, r.round, d.driverRef as driver_ref, s.points::double as points,
            s.position::bigint as position, s.positionText as position_text,
            s.wins::bigint as wins
        from driver_standings as s join race_keys as r using (raceId)
        join drivers as d using (driverId)""",
    "constructor_standings": """
        select r.season, r.round, c.constructorRef as constructor_ref, s.points::double as points,
            s.position::bigint as position, s.positionText as position_text,
            s.wins::bigint as wins
        from constructor_standings as s join race_keys as r using (raceId)
        join constructors as c using (constructorId)""",
    "constructor_results": """
        select r.season, r.round, c.constructorRef as constructor_ref,
            s.points::double as points, s.status
        from constructor_results as s join race_keys as r using (raceId)
        join constructors as c using (constructorId)""",
    "seasons": "select year::bigint as year, url from seasons",
    "circuits": """
        select circuitRef as circuit_ref, name, location, country, lat::double as lat,
            lng::double as lng, url, circuitId::bigint as ergast_id from circuits""",
    "drivers": """
        select driverRef as driver_ref, number::bigint as number, code, forename, surname,
            dob::date as dob, nationality, url, driverId::bigint as ergast_id from drivers""",
    "constructors": "select constructorRef as constructor_ref, name, nationality, url, "
    "constructorId::bigint as ergast_id from constructors",
    "status": "select status from status",
}


def read_dump(folder: Path) -> dict[str, pa.Table]:
    """Every table of the dump, bronze-shaped (season tables with a leading `season`)."""
    if not folder.is_dir():
        raise SelectionError(f"--from-csv: {folder} is not a folder")
    missing = [name for name in REQUIRED_FILES if not (folder / f"{name}.csv").is_file()]
    if missing:
        raise SelectionError(f"--from-csv: {folder} lacks {', '.join(f'{m}.csv' for m in missing)}")
    present = [*REQUIRED_FILES, *(n for n in OPTIONAL_FILES if (folder / f"{n}.csv").is_file())]
    with duckdb.connect() as con:
        for name in present:
            path = str(folder / f"{name}.csv").replace("'", "''")
            con.execute(
                f"create temp view {name} as select * from read_csv('{path}', header = true, "
                "nullstr = '\\N', null_padding = true, all_varchar = true, quote = '\"')"
            )
        con.execute(
            "create temp view race_keys as select raceId, year::bigint as season, "
            "round::bigint as round from races"
        )
        tables: dict[str, pa.Table] = {}
        for name in present:
            try:
                data = con.sql(QUERIES[name]).to_arrow_table()
            except duckdb.Error as exc:
                raise SelectionError(f"--from-csv: cannot read {name}.csv: {exc}") from None
            tables[name] = conform(name, data, with_season=name in SEASON_TABLES)
    logger.info("read %d tables from %s", len(tables), folder)
    return {n: t for n, t in tables.items() if n in SEASON_TABLES or n in DIMENSION_TABLES}
