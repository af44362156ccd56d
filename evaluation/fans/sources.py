"""The Ergast CSV dump opened as DuckDB views: the only source of the expected answers.

Never the project's warehouse: the point of this set is to check the warehouse and the copilot
against an independent reading of the source. Views are named as the Ergast tables
(`results`, `races`, ...), plus a few helpers that fix the F1 statisticians' conventions once:

- `starts`: a result row that is a start (positionText neither 'W' withdrawn nor 'F' failed to
  qualify);
- `poles`: one row per race, the pole sitter: grid slot 1, except on the 2022 sprint weekends,
  where pole went to the fastest in qualifying (qualifying.position = 1);
- `lap_ms(text)`: a lap time 'm:ss.fff' in milliseconds;
- `driver_races`: one row per (race, driver) with the best classified position of that driver's
  car(s) in the race: a shared 1950s drive counts for each driver, once per race;
- `champions` / `constructor_champions`: P1 of the standings after each season's last round,
  1950 (1958 for constructors) to 2024: 2025 is incomplete in the dump (ends at round 21).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DUMP = REPO_ROOT.parent / "shared" / "data" / "ergast" / "tracinginsights-racedata"
TABLES = (
    "circuits",
    "constructor_results",
    "constructor_standings",
    "constructors",
    "driver_standings",
    "drivers",
    "pit_stops",
    "qualifying",
    "races",
    "results",
    "seasons",
    "sprint_results",
    "status",
)
LAST_SEASON = 2025  # the dump ends at 2025 round 21 (São Paulo): "this year" / "last season"

HELPERS = {
    "starts": """
        SELECT * FROM results WHERE positionText NOT IN ('W', 'F')
    """,
    "sprint_weekends_2022": """
        SELECT DISTINCT s.raceId FROM sprint_results s JOIN races r USING (raceId)
        WHERE r.year = 2022
    """,
    "poles": """
        SELECT raceId, driverId, constructorId FROM results
        WHERE grid = 1 AND raceId NOT IN (SELECT raceId FROM sprint_weekends_2022)
        UNION ALL
        SELECT raceId, driverId, constructorId FROM qualifying
        WHERE position = 1 AND raceId IN (SELECT raceId FROM sprint_weekends_2022)
    """,
    "driver_races": """
        SELECT raceId, driverId, min(position) AS position, max(points) AS points,
               bool_or(positionText NOT IN ('W', 'F')) AS started
        FROM results GROUP BY raceId, driverId
    """,
    "champions": """
        SELECT r.year, ds.driverId, ds.points, ds.wins
        FROM driver_standings ds JOIN races r USING (raceId)
        WHERE ds.position = 1
          AND r.round = (SELECT max(r2.round) FROM races r2
                         JOIN driver_standings d2 ON d2.raceId = r2.raceId
                         WHERE r2.year = r.year)
          AND r.year < 2025
    """,
    "constructor_champions": """
        SELECT r.year, cs.constructorId, cs.points, cs.wins
        FROM constructor_standings cs JOIN races r USING (raceId)
        WHERE cs.position = 1
          AND r.round = (SELECT max(r2.round) FROM races r2
                         JOIN constructor_standings c2 ON c2.raceId = r2.raceId
                         WHERE r2.year = r.year)
          AND r.year < 2025
    """,
}


def dump_dir() -> Path:
    """The Ergast dump folder: $ERGAST_DUMP, else ../shared/data/ergast/tracinginsights-racedata."""
    return Path(os.environ.get("ERGAST_DUMP", str(DEFAULT_DUMP)))


def connect(folder: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one table per Ergast CSV, `lap_ms()` and the convention views."""
    folder = folder or dump_dir()
    if not (folder / "results.csv").is_file():
        raise FileNotFoundError(f"Ergast CSV dump missing: {folder}")
    con = duckdb.connect(":memory:")
    for table in TABLES:
        path = str(folder / f"{table}.csv").replace("'", "''")
        con.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, "
            "nullstr = '\\N', null_padding = true)"
        )
    con.execute(
        "CREATE MACRO lap_ms(t) AS CASE WHEN regexp_matches(t, '^[0-9]+:[0-9]{2}[.][0-9]{3}$') "
        "THEN CAST(split_part(t, ':', 1) AS INTEGER) * 60000 "
        "+ CAST(round(CAST(split_part(t, ':', 2) AS DOUBLE) * 1000) AS INTEGER) END"
    )
    for name, sql in HELPERS.items():
        con.execute(f"CREATE VIEW {name} AS {sql}")
    return con
