"""The real values of the key dimensions, read from the served warehouse: seasons, events,
drivers (Fast-F1's, plus every driver of the history marts when they are built), teams, sessions;
their types (`Dimensions` and its refs) live here, and the schema catalog (ai.schema_catalog)
holds one."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import duckdb

from f1lake.sessions import RACE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventRef:
    event_id: str
    season: int
    round: int
    event_name: str
    country: str
    location: str


@dataclass(frozen=True)
class DriverRef:
    code: str
    full_name: str
    first_name: str
    last_name: str
    numbers: tuple[str, ...]
    first_season: int = 0
    last_season: int = 9999
    ref: str = ""  # Ergast driver reference (history marts), e.g. "hamilton"


@dataclass(frozen=True)
class SessionRef:
    session_id: str
    event_id: str
    season: int
    round: int
    session_code: str
    has_laps: bool
    has_results: bool
    has_weather: bool = False


@dataclass(frozen=True)
class Dimensions:
    seasons: tuple[int, ...] = ()
    events: tuple[EventRef, ...] = ()
    drivers: tuple[DriverRef, ...] = ()
    teams: tuple[str, ...] = ()
    session_codes: tuple[str, ...] = ()
    sessions: tuple[SessionRef, ...] = ()
    team_seasons: tuple[tuple[int, str], ...] = ()
    tables: frozenset[str] = frozenset()  # served gold tables (history marts when built)


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    try:
        return con.execute(sql).fetchall()
    except duckdb.Error as error:
        log.warning("dimension query failed (%s): %s", sql.split()[3:5], error)
        return []


def gold_columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table, column in rows(
        con,
        "select table_name, column_name from duckdb_columns() where schema_name = 'gold' "
        "and database_name = current_database()",
    ):
        found.setdefault(table, set()).add(column)
    return found


def history_drivers(con: duckdb.DuckDBPyConnection, known: set[str]) -> list[DriverRef]:
    """Drivers of the history marts that Fast-F1 never saw (Senna, Prost, ...)."""
    out = []
    for ref, name, code, first, last in rows(
        con,
        "select driver_ref, coalesce(driver_name, driver_ref), coalesce(driver_code, ''), "
        "coalesce(first_season, 0), coalesce(last_season, 9999) from gold.driver_career "
        "where driver_ref is not null order by driver_ref",
    ):
        if ref in known:
            continue
        parts = name.split()
        first_name, last_name = (parts[0], " ".join(parts[1:])) if len(parts) > 1 else ("", name)
        code = code if len(code) == 3 and code.isalpha() and code.isupper() else ""
        out.append(DriverRef(code, name, first_name, last_name, (), int(first), int(last), ref))
    return out


HISTORY_MARTS = ("season_champions", "driver_career", "constructor_career", "circuit_history")


def filled(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """A history mart with rows (they are built empty until `ingestion history` ran)."""
    return bool(rows(con, f"select 1 from gold.{table} limit 1"))


def read_dimensions(con: duckdb.DuckDBPyConnection) -> Dimensions:
    columns = gold_columns(con)
    events = rows(
        con,
        "select event_id, season, round, event_name, coalesce(country, ''), "
        "coalesce(location, '') from gold.dim_events order by season, round",
    )
    # races only the history has a result sheet for (gold.dim_events covers 1950-)
    history_races = {
        r[0]
        for r in rows(
            con,
            "select distinct event_id from gold.fct_results "
            f"where session_code = '{RACE}' and result_source = 'ergast'",
        )
    }
    numbers: dict[str, set[str]] = {}
    for code, number in rows(
        con,
        "select distinct driver_code, driver_number from gold.fct_results "
        "where driver_code is not null and driver_number is not null and season >= 2018",
    ):
        numbers.setdefault(code, set()).add(str(number))
    ref = "driver_ref" if "driver_ref" in columns.get("dim_drivers", set()) else "''"
    drivers = [
        DriverRef(
            d[0],
            d[1],
            d[2],
            d[3],
            tuple(sorted(numbers.get(d[0], set()) | {str(d[4])})),
            int(d[5]),
            int(d[6]),
            d[7] or "",
        )
        for d in rows(
            con,
            "select driver_code, coalesce(driver_full_name, ''), coalesce(first_name, ''), "
            "coalesce(last_name, ''), latest_driver_number, coalesce(first_season, 0), "
            f"coalesce(last_season, 9999), {ref} from gold.dim_drivers "
            "where driver_code is not null and sessions_count > 0 order by driver_code",
        )
    ]
    if "driver_career" in columns and filled(con, "driver_career"):
        drivers += history_drivers(con, {d.ref for d in drivers if d.ref})
    sessions = rows(
        con,
        "select session_id, event_id, season, round, session_code, coalesce(has_laps, false), "
        "coalesce(has_results, false), coalesce(has_weather, false) from gold.dim_sessions "
        "order by session_id",
    )
    team_seasons = rows(
        con,
        "select distinct season, team_name from gold.dim_teams "
        "where team_name is not null order by 1, 2",
    )
    return Dimensions(
        seasons=tuple(sorted({int(e[1]) for e in events})),
        events=tuple(EventRef(*e) for e in events),
        drivers=tuple(drivers),
        teams=tuple(sorted({t for _, t in team_seasons})),
        session_codes=tuple(sorted({s[4] for s in sessions})),
        sessions=tuple(
            [SessionRef(*s) for s in sessions]
            + [
                SessionRef(f"{e[0]}-{RACE}", e[0], e[1], e[2], RACE, False, True)
                for e in events
                if e[0] in history_races and f"{e[0]}-{RACE}" not in {s[0] for s in sessions}
            ]
        ),
        team_seasons=tuple((int(s), t) for s, t in team_seasons),
        tables=frozenset(t for t in columns if t not in HISTORY_MARTS or filled(con, t)),
    )
