"""Fixtures of the OpenF1 tests (the recording and the real Fast-F1 root: tests/conftest.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import (
    built_once,
    keep_result,
    kept_result,
    ok,
    require_ergast_dump,
    require_openf1_dump,
    run_cli,
)
from tests.openf1.support import MIRRORED, SEASON, write_fastf1_mirror


def update_args(dump: Path, ergast: Path) -> list[str]:
    """`make update` on replayed responses: the Fast-F1 cache of the root, the OpenF1
    recording, the Ergast dump for the history."""
    return [
        "-m",
        "ingestion",
        "update",
        "--season",
        str(SEASON),
        "--offline",
        "--no-predict",
        "--openf1-from",
        str(dump),
        "--history-from-csv",
        str(ergast),
    ]


@pytest.fixture(scope="session")
def updated_root(
    real_data_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A root up to date with the real Fast-F1 cache and the 2024 history (and OpenF1 laps
    mirroring a Fast-F1 race: both sources for one session) when the OpenF1 recording of the
    2024 Singapore race appears, then `ingestion update` (built once)."""
    dump, ergast = require_openf1_dump(), require_ergast_dump()

    def build(folder: Path) -> None:
        root = folder / "root"
        shutil.copytree(real_data_root, root, symlinks=True)
        history = ["-m", "ingestion", "history", "--seasons", str(SEASON), "--from-csv"]
        ok(run_cli([*history, str(ergast)], root))
        mirror = folder / "mirror"
        write_fastf1_mirror(root, mirror)
        season, rnd, code = MIRRORED
        both = ["-m", "ingestion", "openf1", "--season", str(season), "--rounds", str(rnd)]
        ok(run_cli([*both, "--sessions", code, "--from", str(mirror)], root))
        keep_result(folder / "update.json", ok(run_cli(update_args(dump, ergast), root)))

    folder = built_once(tmp_path_factory, "openf1-root", build)
    return folder / "root", kept_result(folder / "update.json")


@pytest.fixture(scope="session")
def openf1_warehouse(updated_root: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """The real Fast-F1 bronze + the replayed OpenF1 recording, built into a warehouse."""
    return updated_root[0] / "warehouse" / "f1.duckdb"
