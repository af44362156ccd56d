"""Skip before work: an incremental build's bronze scan opens only new or changed files.

The last scan (`lake.bronze_files` in the copy of the served warehouse) is handed to
`bronze_check.scan`; a file whose size, modification time, manifest entry and contract are
unchanged keeps its row without its footer being read. Anything else is read and checked again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from f1lake import bronze_contract
from tests.lake_bronze.conftest import partition_file
from transform import bronze_check

pytestmark = pytest.mark.realdata


def last_scan(root: Path) -> pa.Table:
    with duckdb.connect(str(root / "warehouse" / "f1.duckdb"), read_only=True) as con:
        return con.sql("select * from lake.bronze_files").to_arrow_table()


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every footer the scan opens."""
    opened: list[Path] = []
    real = bronze_contract.read_fingerprint

    def spy(path: Path) -> tuple[Any, Any]:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(bronze_contract, "read_fingerprint", spy)
    return opened


def test_an_unchanged_bronze_is_scanned_without_opening_a_file(
    built_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table the build wrote (lake.bronze_files) is the next scan's memory."""
    previous = last_scan(built_root)
    assert previous.num_rows == len(bronze_check.bronze_files(built_root)) > 0
    opened = counting_reads(monkeypatch)
    again = bronze_check.scan(built_root, previous)
    assert opened == []
    assert again.sort_by("file_path").equals(previous.cast(again.schema).sort_by("file_path"))


def test_a_touched_file_and_a_new_contract_are_read_again(
    root_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = bronze_check.scan(root_copy)
    laps = partition_file(root_copy, "laps")
    stat = laps.stat()
    os.utime(laps, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    stale = previous.column_names.index("scan_stamp")
    paths = previous.column("file_path").to_pylist()
    weather = partition_file(root_copy, "weather").as_posix()
    old = previous.column("scan_stamp").to_pylist()
    # a row recorded under another contract
    stamps = [s + "|old-contract" if p == weather else s for p, s in zip(paths, old, strict=True)]
    previous = previous.set_column(stale, "scan_stamp", pa.array(stamps))
    opened = counting_reads(monkeypatch)
    again = bronze_check.scan(root_copy, previous)
    assert sorted(p.as_posix() for p in opened) == sorted([laps.as_posix(), weather])
    assert again.num_rows == previous.num_rows


def test_a_file_truncated_since_the_last_scan_still_fails(root_copy: Path) -> None:
    previous = bronze_check.scan(root_copy)
    laps = partition_file(root_copy, "laps")
    laps.write_bytes(laps.read_bytes()[:100])
    with pytest.raises(bronze_contract.BronzeContractError, match="not readable Parquet"):
        bronze_check.scan(root_copy, previous)
