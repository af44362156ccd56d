"""Ergast's numeric ids (driverId, constructorId, circuitId, raceId): kept by the CSV path as
`ergast_id` in bronze and exposed by silver (driver_id, constructor_id, circuit_id, race_id),
equal to the dump's own; history bronze written before the column existed still builds, with
NULL ids. Expected values come from the CSVs (tests/history/conftest.py), never the models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import run_cli
from tests.history.conftest import csv_connection, gold

pytestmark = pytest.mark.realdata

# silver model, its key column(s), its id column; the dump's file, key column(s), id column
# (the history warehouse holds the whole dump, as the CSV path ingested it)
IDS = {
    "stg_history_drivers": ("driver_ref", "driver_id", "drivers", "driverRef", "driverId"),
    "stg_history_constructors": (
        "constructor_ref",
        "constructor_id",
        "constructors",
        "constructorRef",
        "constructorId",
    ),
    "stg_history_circuits": ("circuit_ref", "circuit_id", "circuits", "circuitRef", "circuitId"),
    "stg_history_races": ("season, round", "race_id", "races", "year, round", "raceId"),
}
BRONZE_WITH_IDS = ("drivers", "constructors", "circuits", "races")


def silver_ids(warehouse: Path, model: str) -> list[tuple[object, ...]]:
    keys, column = IDS[model][:2]
    return gold(warehouse, f"select {keys}, {column} from silver.{model} order by all")


@pytest.mark.parametrize("model", list(IDS))
def test_silver_ids_equal_the_dumps_ids(history_warehouse: Path, model: str) -> None:
    _, _, csv, csv_keys, csv_id = IDS[model]
    expected = (
        csv_connection()
        .execute(f"select {csv_keys}, {csv_id}::integer from {csv} order by all")
        .fetchall()
    )
    assert len(expected) > 70
    assert silver_ids(history_warehouse, model) == expected


def test_history_bronze_without_ergast_id_still_builds(
    history_root: Path, history_warehouse: Path, tmp_path: Path
) -> None:
    """Bronze written before `ergast_id` existed: no file of a table has it; the build passes
    and every id is NULL, every other column unchanged."""
    root = tmp_path / "root"
    shutil.copytree(history_root / "bronze", root / "bronze")
    rewritten = 0
    for table in BRONZE_WITH_IDS:
        for path in sorted((root / "bronze" / "history" / table).rglob("*.parquet")):
            data = pq.ParquetFile(path).read()
            pq.write_table(data.drop_columns(["ergast_id"]), path)
            rewritten += 1
    assert rewritten > 70  # races: one file per season
    result = run_cli(["-m", "transform", "build"], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    warehouse = root / "warehouse" / "f1.duckdb"
    for model, (keys, column, *_) in IDS.items():
        old = gold(warehouse, f"select {keys}, {column} from silver.{model} order by all")
        assert old == [(*row[:-1], None) for row in silver_ids(history_warehouse, model)], model
        rest = f"select * exclude ({column}) from silver.{model} order by all"
        assert gold(warehouse, rest) == gold(history_warehouse, rest), model


def test_api_rows_keep_the_ids_earlier_bronze_recorded() -> None:
    """The API has no numeric ids: merged over CSV-written bronze, a known reference (a race of
    the same round at the same circuit) keeps its id, a new one stays NULL."""
    from ingestion.history.schema import conform, from_rows, keep_ergast_ids

    old = from_rows(
        "drivers",
        [{"driver_ref": "hamilton", "ergast_id": 1}, {"driver_ref": "alonso", "ergast_id": 4}],
        with_season=False,
    )
    rows = [{"driver_ref": "hamilton"}, {"driver_ref": "antonelli"}]
    new = from_rows("drivers", rows, with_season=False)
    merged = keep_ergast_ids("drivers", old, new, ("driver_ref",))
    assert merged.column("ergast_id").to_pylist() == [1, None]
    races = [
        {"round": 1, "circuit_ref": "albert_park", "ergast_id": 1144},
        {"round": 2, "circuit_ref": "shanghai", "ergast_id": 1145},
    ]
    old_races = conform("races", from_rows("races", races, with_season=False), with_season=False)
    moved = [{"round": 1, "circuit_ref": "albert_park"}, {"round": 2, "circuit_ref": "suzuka"}]
    new_races = from_rows("races", moved, with_season=False)
    kept = keep_ergast_ids("races", old_races, new_races, ("round", "circuit_ref"))
    assert kept.column("ergast_id").to_pylist() == [1144, None]  # round 2 is another race now
    without = old.drop_columns(["ergast_id"])  # bronze written before the column: nothing kept
    assert keep_ergast_ids("drivers", without, new, ("driver_ref",)).equals(new)
