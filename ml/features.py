"""The feature table as the models see it: columns, targets and loading from the warehouse."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import duckdb
import pandas as pd

from f1lake.warehouse import WarehouseMissingError, read_connection

FEATURES: tuple[str, ...] = (
    "grid_slot",
    "field_size",
    "qualifying_gap_to_pole_pct",
    "season_progress",
    "driver_prior_starts",
    "driver_points_last5",
    "driver_finish_rate_last5",
    "driver_dnf_rate_last5",
    "driver_avg_finish_last5",
    "driver_season_points_before",
    "driver_circuit_starts",
    "driver_circuit_avg_finish",
    "driver_circuit_wins",
    "team_points_last5",
    "team_dnf_rate_last5",
    "grid_slot_vs_team",
    "points_last5_vs_team",
)
BASELINE_FEATURES: tuple[str, ...] = ("grid_slot",)
# Known only once qualifying is over: blank for a race whose grid is not set yet.
GRID_FEATURES: tuple[str, ...] = ("grid_slot", "qualifying_gap_to_pole_pct", "grid_slot_vs_team")
# Target name (as printed by `backtest --json`) -> boolean column of the feature table.
TARGETS: dict[str, str] = {
    "top10": "is_top10",
    "podium": "is_podium",
    "win": "is_win",
    "dnf": "is_dnf",
}
KEYS: tuple[str, ...] = (
    "driver_race_id",
    "season",
    "round",
    "event_id",
    "driver_ref",
    "constructor_ref",
)


def load_features(warehouse: Path) -> pd.DataFrame:
    """Every row of gold.ml_driver_race_features, features as floats (missing = NaN)."""
    with read_connection(warehouse) as con:
        frame = con.execute(
            "select * from gold.ml_driver_race_features order by season, round, driver_ref"
        ).df()
    return _typed(frame)


class RaceReader:
    """Reads one race's rows through one in-memory DuckDB kept by the process: each read
    attaches the warehouse file read-only, queries it and detaches it, so every read sees the
    file served at that moment (a swapped-in build included) and no file stays open between
    reads. Creating a DuckDB database is what a fresh read-only connection costs (measured:
    ~20 ms of CPU to connect to the file, 14 ms of it for an empty in-memory one; attach, query
    and detach on a kept one ~10 ms), hence the kept instance. Reads are serialised."""

    def __init__(self) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()

    def read(self, warehouse: Path, season: int, round_number: int) -> pd.DataFrame:
        return _typed(self.query(warehouse, _RACE_QUERY, [season, round_number]))

    def query(self, warehouse: Path, sql: str, params: list[object]) -> pd.DataFrame:
        """`sql` (its tables prefixed `w.`) on the warehouse attached read-only as `w`."""
        if not warehouse.is_file():
            raise WarehouseMissingError(warehouse)
        path = str(warehouse).replace("'", "''")
        with self._lock:
            if self._con is None:
                self._con = duckdb.connect(":memory:", config={"threads": 1})
            con = self._con
            con.execute(f"attach '{path}' as w (read_only)")
            try:
                return con.execute(sql, params).df()
            finally:
                con.execute("detach database if exists w")


_TABLE = "w.gold.ml_driver_race_features"
_RACE_QUERY = f"select * from {_TABLE} where season = ? and round = ? order by driver_ref"
# The races a user is likely to ask for: the latest `?` run (with a result) and the next `?` to
# run after the latest with a result (the calendar's upcoming rounds), with one read.
_AHEAD_QUERY = f"""
with races as (
    select season, round, bool_and(has_result) as ran from {_TABLE} group by season, round
), latest as (select coalesce(max(season * 1000 + round), 0) as latest_ran from races where ran),
ranked as (
    select season, round, ran,
        row_number() over (partition by ran order by season desc, round desc) as back,
        row_number() over (partition by ran order by season, round) as ahead
    from races, latest where ran or season * 1000 + round > latest_ran
)
select f.* from {_TABLE} f join ranked r using (season, round)
where (r.ran and r.back <= ?) or (not r.ran and r.ahead <= ?)
order by season, round, driver_ref
"""
_READER = RaceReader()


def load_race(warehouse: Path, season: int, round_number: int) -> pd.DataFrame:
    """The rows of one race (one per driver; empty when the race is not in the table)."""
    return _READER.read(warehouse, season, round_number)


def load_races_ahead(warehouse: Path, ran: int, to_run: int) -> pd.DataFrame:
    """The rows of the latest `ran` races with a result and the next `to_run` races still to
    run (what POST /predict scores ahead), ordered by season, round and driver."""
    return _typed(_READER.query(warehouse, _AHEAD_QUERY, [ran, to_run]))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame[list(FEATURES)] = frame[list(FEATURES)].astype("float64")
    return frame


def fingerprint(frame: pd.DataFrame) -> str:
    """A hash of the training rows (keys, features, targets): what a model version learnt from."""
    columns = [*KEYS, *FEATURES, *TARGETS.values()]
    digest = hashlib.sha256(
        pd.util.hash_pandas_object(frame[columns], index=False).to_numpy().tobytes()
    )
    return digest.hexdigest()[:16]
