"""A small real data root for the bronze-contract tests: three sessions of the real `all/`
cache (2018 Azerbaijan race, 2023 Azerbaijan qualifying and sprint shootout), ingested
offline through the CLI and built once; tests work on copies of it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import built_once, ok, run_cli, seed_cache

INGEST = [
    "-m",
    "ingestion",
    "run",
    "--season",
    "2018,2023",
    "--rounds",
    "4",
    "--sessions",
    "R,Q,SS",
    "--offline",
]
LAPS_SESSION = (2023, 4, "Q")


@pytest.fixture(scope="session")
def built_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bronze ingested from the real cache and the warehouse built from it (full build)."""

    def build(root: Path) -> None:
        seed_cache(root)
        ok(run_cli(INGEST, root))
        ok(run_cli(["-m", "transform", "build"], root))

    return built_once(tmp_path_factory, "lake-bronze-root", build)


@pytest.fixture
def root_copy(built_root: Path, tmp_path: Path) -> Path:
    """A private copy of `built_root` (bronze with file times kept, cache, warehouse)."""
    target = tmp_path / "root"
    for folder in ("bronze", "cache", "warehouse"):
        shutil.copytree(built_root / folder, target / folder)
    return target


def partition_file(root: Path, table: str, key: tuple[int, int, str] = LAPS_SESSION) -> Path:
    season, rnd, code = key
    return (
        root
        / "bronze"
        / table
        / f"season={season}"
        / f"round={rnd:02d}"
        / f"session={code}"
        / "part-0.parquet"
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
