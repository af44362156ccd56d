"""Stage 1 (qualifying pace) inputs of gold.ml_driver_race_features have no leakage: changing
race r's qualifying, its grid, its results, the laps of its sessions run after qualifying began
(Monza 2021's FP2 ran the day after qualifying: a sprint weekend) and everything of later races
leaves the stage 1 inputs of race r and of every earlier race unchanged. The model's compiled SQL
is re-run on a mutated copy of its inputs (as tests/ml/test_features.py does). The practice gap
itself is checked against Fast-F1's own laps (bronze, every Fast-F1 column as Fast-F1 gave it)
and the Ergast CSVs' session dates and driver codes."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from ml.qualifying import INPUTS
from tests.history.conftest import csv_connection
from tests.ml.test_features import compiled_sql, features_on

STAGE1 = (*(c for c in INPUTS if c != "driver_elo"), "driver_grid_last")  # Elo: Python
CUT = (2021, 14)  # Monza 2021: FP1, qualifying (Friday), FP2 (Saturday), sprint, race
PRACTICE_RACE = (2020, 5)  # FP2 laps in Fast-F1, run before qualifying


def stage1_rows(con: duckdb.DuckDBPyConnection, where: str) -> list[tuple]:
    columns = ", ".join(["driver_race_id", *(f"round({c}, 9)" for c in STAGE1)])
    return con.execute(f"select {columns} from features where {where} order by 1").fetchall()


def test_race_r_qualifying_and_later_sessions_leave_its_stage1_inputs_unchanged(
    history_root: Path, history_warehouse: Path
) -> None:
    sql = compiled_sql(history_root)
    season, rnd = CUT
    from_r = f"(season > {season} or (season = {season} and round >= {rnd}))"
    later = f"(season > {season} or (season = {season} and round > {rnd}))"
    mutate = [
        # race r's own qualifying (the target of stage 1) and every later one: shuffled times
        "update gold.fct_qualifying set q1_ms = q1_ms + hash(driver_ref) % 5000, "
        "q2_ms = q2_ms + hash(driver_ref) % 7000, q3_ms = q3_ms + hash(driver_ref) % 9000 "
        f"where {from_r}",
        f"update gold.fct_results set starting_grid_slot = 25 - coalesce(starting_grid_slot, 0), "
        f"finish_position = 21 - coalesce(finish_position, 0), points = points * 3 + 1 "
        f"where {from_r}",
        # laps of race r's sessions that began after qualifying, and of every later race
        "update gold.fct_laps set lap_time_ms = 1000 + hash(driver_code) % 100 "
        f"where ({later}) or (season = {season} and round = {rnd} and session_code <> 'FP1')",
    ]
    original = features_on(history_warehouse, sql, [])
    changed = features_on(history_warehouse, sql, mutate)
    up_to_r = f"season < {season} or (season = {season} and round <= {rnd})"
    before, after = stage1_rows(original, up_to_r), stage1_rows(changed, up_to_r)
    assert len(before) > 20_000
    assert before == after
    # the mutation reaches the next race's inputs (the gap in the driver's latest race)
    nxt = f"season = {season} and round = {rnd + 1}"
    assert stage1_rows(original, nxt) != stage1_rows(changed, nxt)


def test_a_practice_lap_before_qualifying_moves_the_practice_gap(
    history_root: Path, history_warehouse: Path
) -> None:
    """The input is live: a practice session run before qualifying does feed it."""
    season, rnd = PRACTICE_RACE
    race = f"season = {season} and round = {rnd}"
    faster = f"update gold.fct_laps set lap_time_ms = lap_time_ms - 5000 where {race} and "
    faster += "session_code = 'FP2' and driver_code = 'RUS'"
    sql = compiled_sql(history_root)
    before = stage1_rows(features_on(history_warehouse, sql, []), race)
    after = stage1_rows(features_on(history_warehouse, sql, [faster]), race)
    assert before != after


def ergast_refs(season: int, rnd: int) -> dict[str, str]:
    """Car number -> Ergast driverRef of the race's entrants (the dump's results)."""
    rows = (
        csv_connection()
        .execute(
            """select cast(r.number as varchar), d.driverRef from results r
               join races ra using (raceId) join drivers d using (driverId)
               where ra.year = ? and ra.round = ?""",
            [season, rnd],
        )
        .fetchall()
    )
    return dict(rows)


def test_practice_gap_is_fast_f1s_best_practice_lap_over_the_fields(
    history_root: Path, history_warehouse: Path
) -> None:
    season, rnd = PRACTICE_RACE
    laps = pd.read_parquet(
        history_root / "bronze" / "laps" / f"season={season}" / f"round={rnd:02d}",
        columns=["driver_number", "lap_time_us", "deleted"],
    )
    laps = laps[laps["lap_time_us"].notna() & ~laps["deleted"].eq(True)]
    best = laps.groupby("driver_number")["lap_time_us"].min()
    refs = ergast_refs(season, rnd)
    expected = {refs[str(c)]: (t / best.min() - 1) * 100 for c, t in best.items() if c in refs}
    con = duckdb.connect(str(history_warehouse), read_only=True)
    served = dict(
        con.execute(
            "select driver_ref, practice_gap_pct from gold.ml_driver_race_features "
            "where season = ? and round = ? and practice_gap_pct is not null",
            [season, rnd],
        ).fetchall()
    )
    assert len(expected) >= 18
    # fct_laps keeps whole milliseconds: a gap moves by at most ~1e-3 of a per cent
    assert served == pytest.approx(expected, abs=1e-3)


def test_no_practice_gap_from_a_session_run_after_qualifying(history_warehouse: Path) -> None:
    season, rnd = CUT
    [(fp2, quali)] = (
        csv_connection()
        .execute(
            "select fp2_date, quali_date from races where year = ? and round = ?", [season, rnd]
        )
        .fetchall()
    )
    assert str(fp2) > str(quali)  # the Ergast dump's dates: FP2 the day after qualifying
    con = duckdb.connect(str(history_warehouse), read_only=True)
    [(with_gap, entries)] = con.execute(
        "select count(practice_gap_pct), count(*) from gold.ml_driver_race_features "
        "where season = ? and round = ?",
        [season, rnd],
    ).fetchall()
    assert entries >= 19  # Tsunoda did not start
    assert with_gap == 0
