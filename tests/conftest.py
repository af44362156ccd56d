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

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
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


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder that `build` fills once per test run. Alone, a fresh temp folder; under
    pytest-xdist the first worker to ask builds it in the run's shared temp folder while the
    others wait on its lock, then reuse it (a failed build is retried by the next asker)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = factory.mktemp(name)
        build(folder)
        return folder
    shared = factory.getbasetemp().parent / "built-once"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.done"

    def make() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        build(folder)
        done.touch()

    once(done, make)
    return folder


def once(done: Path, make: Callable[[], None]) -> None:
    """Run `make` (which writes `done`) unless `done` exists, holding a lock beside it: test
    workers asking at the same time wait for the first one's result."""
    with done.with_name(f"{done.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            make()


def keep_result(path: Path, result: subprocess.CompletedProcess[str]) -> None:
    """Save a CLI result beside what it built (workers that reuse the folder read it back)."""
    kept = {"args": result.args, "returncode": result.returncode}
    path.write_text(json.dumps({**kept, "stdout": result.stdout, "stderr": result.stderr}))


def kept_result(path: Path) -> subprocess.CompletedProcess[str]:
    kept = json.loads(path.read_text())
    return subprocess.CompletedProcess(
        kept["args"], kept["returncode"], kept["stdout"], kept["stderr"]
    )


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    """Assert a CLI run succeeded, showing the end of its output otherwise."""
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


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
    source = require_shared_cache()

    def ingest(folder: Path) -> None:
        (folder / "root").mkdir()
        result = run_cli([*INGEST_ALL, "--cache-from", str(source)], folder / "root")
        keep_result(folder / "ingest.json", ok(result))

    folder = built_once(tmp_path_factory, "real-data-root", ingest)
    return folder / "root", kept_result(folder / "ingest.json")


@pytest.fixture(scope="session")
def real_data_root(real_ingest_run: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """A data root with bronze ingested offline from the real `full/` cache."""
    return real_ingest_run[0]


def build_real_warehouse(root: Path) -> Path:
    """Build the warehouse of a real data root once per test run (its console: build_console)."""
    done = root.parent / f"{root.name}.built.json"
    once(done, lambda: keep_result(done, ok(run_cli(["-m", "transform", "build"], root))))
    path = root / "warehouse" / "f1.duckdb"
    assert path.is_file()
    return path


def build_console(root: Path) -> subprocess.CompletedProcess[str]:
    """The piped output of the build_real_warehouse(root) run."""
    return kept_result(root.parent / f"{root.name}.built.json")


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
    import pandas as pd

    from ingestion.selection import SessionKey
    from tests.telemetry_support import write_synthetic_car_data
    from tests.transform.transform_support import copy_data_root

    def build(folder: Path) -> None:
        root = copy_data_root(real_warehouse.parents[1], folder / "root")
        samples = write_synthetic_car_data(root, SessionKey(*TELEMETRY_SESSION))
        samples.to_pickle(folder / "samples.pkl")
        ok(run_cli(["-m", "transform", "build"], root))

    folder = built_once(tmp_path_factory, "telemetry-root", build)
    return folder / "root", pd.read_pickle(folder / "samples.pkl")


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

    def build(root: Path) -> None:
        shutil.copytree(real_data_root / "bronze", root / "bronze")
        ok(run_cli(["-m", "ingestion", "history", "--from-csv", str(dump)], root))
        ok(run_cli(["-m", "transform", "build"], root))

    return built_once(tmp_path_factory, "history-root", build)


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


def _run_order(item: pytest.Item) -> int:
    """Where a test's module goes in the run: the long ones first (under pytest-xdist a worker
    takes whole modules, so a long one started last would leave the other worker idle)."""
    if item.get_closest_marker("docker"):
        return 0
    if item.get_closest_marker("slow"):
        return 1
    return 2 if item.get_closest_marker("realdata") else 3


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long modules first: under pytest-xdist (`--dist loadfile`, as `make test` runs) each module
    runs whole on one worker, so its module fixtures are made once."""
    module_order: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        module_order[module] = min(module_order.get(module, 3), _run_order(item))
    items.sort(key=lambda item: module_order[item.nodeid.split("::")[0]])


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local[2] Spark session for every Spark test of a worker (it costs ~10 s to start).
    A test never stops it: `getOrCreate` elsewhere would hand out this one, and stop it."""
    if shutil.which("java") is None:
        message = "java missing: run scripts/ensure_java.sh (Debian openjdk-17-jre-headless)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from transform.spark_check import spark_session

    session = spark_session()
    yield session
    session.stop()
