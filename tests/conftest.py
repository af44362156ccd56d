"""Fixtures shared by every test package.

The real-data fixtures replay the real Fast-F1 caches in ../shared/data/fastf1-cache through
the project's own CLIs, once per test session:
  real_ingest_run -> (root, CLI result) of `ingestion run … --cache-from full/` (whole cache:
                     HTTP sqlite + .ff1pkl tree; DEFAULT_CACHE)
  real_data_root  -> that data root (bronze ingested offline from `full/`)
  real_warehouse  -> the same root after `python -m transform build` (served warehouse file)
`real_catalog()` reads a cache's catalog.jsonl (what Fast-F1 returns per session): expected
counts come from there or from Fast-F1 itself, never hard-coded.
In CI (CI=true) a missing shared cache FAILS the test; elsewhere it skips with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from f1lake.sessions import all_codes

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_CACHE = Path(
    os.environ.get("F1_SHARED_CACHE", REPO_ROOT.parent / "shared" / "data" / "fastf1-cache")
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
DEFAULT_CACHE = "full"  # the whole real cache (HTTP sqlite + Fast-F1's .ff1pkl tree)
CATALOG_CODES = {  # the session names of catalog.jsonl -> Fast-F1 codes
    "Practice 1": "FP1",
    "Practice 2": "FP2",
    "Practice 3": "FP3",
    "Sprint Qualifying": "SQ",
    "Sprint Shootout": "SS",
    "Sprint": "S",
    "Qualifying": "Q",
    "Race": "R",
}


def require_shared_cache(name: str = DEFAULT_CACHE) -> Path:
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


def copy_cache_folder(source: Path, target: Path) -> Path:
    """Copy a Fast-F1 cache folder (sqlite + .ff1pkl tree) as writable files (the shared copies
    are read-only; Fast-F1 writes into its cache). Existing files in `target` are kept."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and (path.name.endswith(".sqlite") or path.suffix == ".ff1pkl"):
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            if not destination.exists():
                shutil.copyfile(path, destination)
    return target


def seed_cache(data_root: Path, name: str = DEFAULT_CACHE) -> Path:
    """Copy a real cache (whole: sqlite + pickle tree) into <root>/cache (never point Fast-F1
    at ../shared itself)."""
    return copy_cache_folder(require_shared_cache(name), data_root / "cache")


def real_catalog(name: str = DEFAULT_CACHE) -> list[dict[str, Any]]:
    """A real cache's catalog.jsonl: one entry per session with Fast-F1's rows per table."""
    path = require_shared_cache(name) / "catalog.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def catalog_key(entry: dict[str, Any]) -> tuple[int, int, str]:
    """(season, round, Fast-F1 code) of a catalog entry."""
    return int(entry["year"]), int(entry["round"]), CATALOG_CODES[str(entry["session"])]


def latest_session_with_laps() -> tuple[dict[str, Any], str]:
    """The real cache catalog's latest session with laps (what the dashboard opens on) and its
    session id: the weekend order is season, round, then the one list of session codes."""
    order = {code: i for i, code in enumerate(all_codes())}

    def weekend_order(entry: dict[str, Any]) -> tuple[int, int, int]:
        season, round_number, code = catalog_key(entry)
        return season, round_number, order[code]

    latest = max((e for e in real_catalog() if e["laps"]), key=weekend_order)
    season, round_number, code = catalog_key(latest)
    return latest, f"{season}-{round_number:02d}-{code}"


INGEST_ALL = [
    *("-m", "ingestion", "run", "--season", "2018-2026"),
    *("--rounds", "all", "--sessions", "all", "--offline"),
]


@pytest.fixture(scope="session")
def real_ingest_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One offline replay of the whole real cache (DEFAULT_CACHE) with --cache-from."""
    root = tmp_path_factory.mktemp("real-data-root")
    source = require_shared_cache()
    result = run_cli([*INGEST_ALL, "--cache-from", str(source)], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root, result


@pytest.fixture(scope="session")
def real_data_root(real_ingest_run: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """A data root with bronze ingested offline from the real `full/` cache."""
    return real_ingest_run[0]


_BUILT: dict[Path, Path] = {}
BUILD_CONSOLE: dict[Path, subprocess.CompletedProcess[str]] = {}  # each build's piped output


def build_real_warehouse(root: Path) -> Path:
    """Build the warehouse of a real data root once per test session."""
    if root not in _BUILT:
        result = run_cli(["-m", "transform", "build"], root)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        path = root / "warehouse" / "f1.duckdb"
        assert path.is_file()
        _BUILT[root], BUILD_CONSOLE[root] = path, result
    return _BUILT[root]


@pytest.fixture(scope="session")
def real_warehouse(real_data_root: Path) -> Path:
    """The served warehouse built by the transform from the real bronze."""
    return build_real_warehouse(real_data_root)


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


ERGAST_DUMP = REPO_ROOT.parent / "shared" / "data" / "ergast" / "tracinginsights-racedata"


def require_ergast_dump() -> Path:
    """The real Ergast CSV dump; fail in CI, skip elsewhere, when it is missing."""
    if not (ERGAST_DUMP / "results.csv").is_file():
        message = f"real Ergast dump missing: {ERGAST_DUMP} (expected beside the repo as ../shared)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return ERGAST_DUMP


@pytest.fixture(scope="session")
def history_root(real_data_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real Fast-F1 bronze + the dump's history, built into a warehouse once."""
    dump = require_ergast_dump()
    root = tmp_path_factory.mktemp("history-root")
    shutil.copytree(real_data_root / "bronze", root / "bronze")
    result = run_cli(["-m", "ingestion", "history", "--from-csv", str(dump)], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    result = run_cli(["-m", "transform", "build"], root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def history_warehouse(history_root: Path) -> Path:
    return history_root / "warehouse" / "f1.duckdb"


OPENF1_DUMP = REPO_ROOT.parent / "shared" / "data" / "openf1" / "naveentvelu-2024-singapore-race"


def require_openf1_dump() -> Path:
    """Recorded OpenF1 responses of the 2024 Singapore GP race; fail in CI, skip elsewhere."""
    if not (OPENF1_DUMP / "laps.json").is_file():
        message = f"OpenF1 recording missing: {OPENF1_DUMP} (expected beside the repo as ../shared)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return OPENF1_DUMP
