"""Pipeline faults in bronze fail the build loudly, naming the file; the served warehouse stays
byte-identical (issue 10: wrong columns were absorbed by union_by_name, a truncated file was
not re-read by an incremental build)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import run_cli
from tests.lake_bronze.conftest import partition_file, sha256

pytestmark = pytest.mark.realdata


def failed_build_names(root: Path, bad_file: Path, *args: str) -> str:
    served = root / "warehouse" / "f1.duckdb"
    before = sha256(served)
    result = run_cli(["-m", "transform", "build", *args], root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert str(bad_file) in output.replace("\n", ""), output[-3000:]
    assert sha256(served) == before  # the served warehouse is byte-identical
    assert not (root / "warehouse" / "f1.next.duckdb").exists()
    return output


@pytest.mark.parametrize("mode", ["incremental", "full"])
def test_a_file_with_wrong_columns_fails_the_build_naming_it(root_copy: Path, mode: str) -> None:
    results = partition_file(root_copy, "results")
    table = pq.read_table(results)
    # what an outside writer might leave: Fast-F1's name instead of the bronze one
    renamed = table.rename_columns(["Points" if n == "points" else n for n in table.column_names])
    pq.write_table(renamed, results)
    args = ["--full-refresh"] if mode == "full" else []
    output = failed_build_names(root_copy, results, *args)
    assert "missing column(s) points" in output and "unexpected column(s) Points" in output


def test_a_truncated_file_fails_an_incremental_build_naming_it(root_copy: Path) -> None:
    laps = partition_file(root_copy, "laps")
    data = laps.read_bytes()
    laps.write_bytes(data[: len(data) // 2])
    output = failed_build_names(root_copy, laps)
    assert "not readable Parquet" in output


def test_a_file_rewritten_outside_ingestion_fails_naming_it(root_copy: Path) -> None:
    """A valid file in the contract's schema whose size and rows are not what the ingestion
    recorded in the manifest (e.g. an old copy put back by hand)."""
    weather = partition_file(root_copy, "weather")
    table = pq.read_table(weather)
    pq.write_table(table.slice(0, table.num_rows // 2), weather, compression="zstd")
    output = failed_build_names(root_copy, weather)
    assert "changed since it was ingested" in output
