"""Fixtures of the OpenF1 tests (the recording and the real Fast-F1 root: tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import require_ergast_dump, require_openf1_dump, run_cli
from tests.openf1.support import SEASON

REPLAY = [
    "-m",
    "ingestion",
    "openf1",
    "--rounds",
    "all",
    "--sessions",
    "all",
    "--offline",
    "--from",
]


@pytest.fixture(scope="session")
def openf1_warehouse(real_data_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real Fast-F1 bronze + the replayed OpenF1 recording, built into a warehouse once."""
    dump = require_openf1_dump()
    require_ergast_dump()
    root = tmp_path_factory.mktemp("openf1-root")
    shutil.copytree(real_data_root / "bronze", root / "bronze")
    result = run_cli([*REPLAY, str(dump), "--season", str(SEASON)], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    result = run_cli(["-m", "transform", "build"], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "warehouse" / "f1.duckdb"
