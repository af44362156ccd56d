"""Bronze written before the contracts (durations as Arrow duration[ns], TIMESTAMP(NANOS)) is
refused by the build with a pointer to `migrate-bronze`, which rewrites it into the contract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from f1lake import bronze_contract
from ingestion.naming import snake_case
from tests.conftest import require_shared_cache, run_cli
from tests.ingestion.fastf1_reference import open_reference_cache
from tests.lake_bronze.conftest import LAPS_SESSION, ok, partition_file, sha256

pytestmark = pytest.mark.realdata


def old_format(frame: pd.DataFrame) -> pa.Table:
    """How bronze was written before the contracts: pandas -> Arrow as it comes, lineage added."""
    frame = frame.reset_index(drop=True)
    table = pa.table({snake_case(str(c)): pa.array(frame[c], from_pandas=True) for c in frame})
    now = pd.Timestamp.now(tz="UTC").to_pydatetime()
    return (
        table.append_column("ingested_at", pa.array([now] * len(frame), pa.timestamp("us", "UTC")))
        .append_column("fastf1_version", pa.array(["3.0.0"] * len(frame)))
        .append_column("source", pa.array(["fastf1:offline-cache"] * len(frame)))
    )


def data_columns(path: Path) -> pa.Table:
    return pq.read_table(path).drop_columns(list(bronze_contract.LINEAGE_NAMES))


def test_old_bronze_is_refused_then_migrated(root_copy: Path, tmp_path: Path) -> None:
    open_reference_cache(require_shared_cache("all"), tmp_path / "cache")
    import fastf1

    session = fastf1.get_session(*LAPS_SESSION)
    session.load(laps=True, telemetry=False, weather=True, messages=True)  # as ingestion does
    laps_file = partition_file(root_copy, "laps")
    events_file = root_copy / "bronze" / "events" / "season=2023" / "part-0.parquet"
    fresh_laps, fresh_events = data_columns(laps_file), data_columns(events_file)
    pq.write_table(old_format(pd.DataFrame(session.laps)), laps_file)
    schedule = pd.DataFrame(fastf1.get_event_schedule(2023, include_testing=False))
    pq.write_table(old_format(schedule), events_file)
    assert pq.read_schema(laps_file).field("lap_time").type == pa.duration("ns")

    served = root_copy / "warehouse" / "f1.duckdb"
    before = sha256(served)
    refused = run_cli(["-m", "transform", "build"], root_copy)
    output = (refused.stdout + refused.stderr).replace("\n", "")
    assert refused.returncode != 0 and str(laps_file) in output and "migrate-bronze" in output
    assert sha256(served) == before

    migrated = run_cli(["-m", "ingestion", "migrate-bronze"], root_copy)
    ok(migrated)
    assert "migrated 2 bronze file(s)" in migrated.stdout
    for path, fresh in ((laps_file, fresh_laps), (events_file, fresh_events)):
        assert (
            pq.read_schema(path)
            .remove_metadata()
            .equals(
                fresh.schema.append(pa.field("ingested_at", bronze_contract.UTC_TIMESTAMP))
                .append(pa.field("fastf1_version", pa.string()))
                .append(pa.field("source", pa.string()))
            )
        )
        migrated_data = data_columns(path)
        differ = [n for n in fresh.column_names if not migrated_data[n].equals(fresh[n])]
        assert differ == [], path  # same values as a fresh ingestion
    again = run_cli(["-m", "ingestion", "migrate-bronze"], root_copy)
    assert "migrated 0 bronze file(s)" in again.stdout
    ok(run_cli(["-m", "transform", "build"], root_copy))
