"""Fixtures shared by every test package.

The real-data fixtures replay the real Fast-F1 caches in ../shared/data/fastf1-cache through
the project's own CLIs, once per test session:
  real_data_root  -> a data root whose bronze was ingested offline from `all/`
  real_warehouse  -> the same root after `python -m transform build` (served warehouse file)
In CI (CI=true) a missing shared cache FAILS the test; elsewhere it skips with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_CACHE = Path(
    os.environ.get("F1_SHARED_CACHE", REPO_ROOT.parent / "shared" / "data" / "fastf1-cache")
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_shared_cache(name: str = "all") -> Path:
    """Path of one real cache folder; fail in CI, skip elsewhere, when it is missing."""
    folder = SHARED_CACHE / name
    if not (folder / "fastf1_http_cache.sqlite").is_file():
        message = f"real Fast-F1 cache missing: {folder} (expected beside the repo as ../shared)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return folder


def run_cli(args: list[str], data_root: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    """Run a project CLI (`python -m ...`) natively with the given data root."""
    env = {**os.environ, "EXTERNAL_DATA_ROOT": str(data_root), **env_extra}
    return subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )


def seed_cache(data_root: Path, name: str = "all") -> Path:
    """Copy a real cache into <root>/cache (never point Fast-F1 at ../shared itself)."""
    source = require_shared_cache(name)
    cache = data_root / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "fastf1_http_cache.sqlite", cache / "fastf1_http_cache.sqlite")
    return cache


INGEST_ALL = [
    "-m", "ingestion", "run",
    "--season", "2018-2026", "--rounds", "all", "--sessions", "all", "--offline",
]  # fmt: skip


@pytest.fixture(scope="session")
def real_data_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data root with bronze ingested offline from the real `all/` cache."""
    root = tmp_path_factory.mktemp("real-data-root")
    seed_cache(root)
    result = run_cli(INGEST_ALL, root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def real_warehouse(real_data_root: Path) -> Path:
    """The served warehouse built by the transform from the real bronze."""
    result = run_cli(["-m", "transform", "build"], real_data_root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    path = real_data_root / "warehouse" / "f1.duckdb"
    assert path.is_file()
    return path


TELEMETRY_SESSION = (2023, 4, "Q")  # a real session with laps; its car_data is synthetic


@pytest.fixture(scope="session")
def telemetry_root(
    real_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Any]:
    """A copy of the real data root plus synthetic car_data for TELEMETRY_SESSION, built.
    Returns the root and the samples written (a pandas frame)."""
    from ingestion.selection import SessionKey
    from tests.telemetry_support import write_synthetic_car_data
    from tests.transform.transform_support import copy_data_root

    root = copy_data_root(real_warehouse.parents[1], tmp_path_factory.mktemp("telemetry-root"))
    samples = write_synthetic_car_data(root, SessionKey(*TELEMETRY_SESSION))
    result = run_cli(["-m", "transform", "build"], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root, samples
