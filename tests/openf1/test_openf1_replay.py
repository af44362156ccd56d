"""`python -m ingestion openf1 --offline --from PATH`: the recorded 2024 Singapore GP responses
replayed into bronze. Expected counts are the recording's own (its JSON files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from f1lake import bronze_contract
from tests.conftest import require_openf1_dump, run_cli
from tests.openf1.support import (
    ROUND,
    SEASON,
    bronze_counts,
    bronze_mtimes,
    recorded_counts,
    root_with_schedule,
)

pytestmark = pytest.mark.realdata
REPLAY = ["-m", "ingestion", "openf1", "--season", str(SEASON), "--rounds", str(ROUND)]


def test_every_recorded_row_reaches_bronze_and_a_rerun_loads_nothing(
    real_data_root: Path, tmp_path: Path
) -> None:
    dump = require_openf1_dump()
    root = root_with_schedule(real_data_root, tmp_path / "root")
    first = run_cli([*REPLAY, "--sessions", "all", "--offline", "--from", str(dump)], root)
    assert first.returncode == 0, first.stdout + first.stderr
    assert bronze_counts(root) == recorded_counts(dump)
    for path in (root / "bronze" / "openf1").rglob("*.parquet"):
        table = bronze_contract.table_of(path, root / "bronze")
        if table is not None:  # every data file in its contract (the manifest has its own)
            assert pq.read_schema(path).remove_metadata().equals(bronze_contract.schema(table))
    race = root / "bronze" / "openf1" / "_manifest" / f"season={SEASON}" / f"round={ROUND}"
    entry = pq.read_table(race / "session=R" / "part-0.parquet").to_pylist()[0]
    assert entry["status"] == "ok" and entry["session_key"] == 9606
    assert entry["laps_rows"] == recorded_counts(dump)["laps"]

    before = bronze_mtimes(root)
    second = run_cli([*REPLAY, "--sessions", "all", "--offline", "--from", str(dump)], root)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "nothing loaded; 5 already in a manifest" in second.stdout
    assert bronze_mtimes(root) == before


def test_a_damaged_recording_stops_with_one_line_and_writes_nothing(
    real_data_root: Path, tmp_path: Path
) -> None:
    dump = require_openf1_dump()
    root = root_with_schedule(real_data_root, tmp_path / "root")
    damaged = tmp_path / "recording"
    shutil.copytree(dump, damaged)
    laps = damaged / "laps.json"
    laps.chmod(0o644)
    laps.write_bytes(laps.read_bytes()[: laps.stat().st_size // 2])  # cut mid-file
    result = run_cli([*REPLAY, "--sessions", "R", "--from", str(damaged)], root)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(laps) in lines[0] and "damaged" in lines[0], result.stderr
    assert not (root / "bronze" / "openf1").exists()


def test_bad_input_is_one_line_before_anything_is_read(tmp_path: Path) -> None:
    result = run_cli([*REPLAY, "--sessions", "XX", "--from", str(tmp_path)], tmp_path / "root")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "unknown session code XX" in result.stderr
