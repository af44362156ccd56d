"""Real-data fixtures of the transform tests, built ONCE per test session.

full_data_root  -> a data root whose cache is a copy of the WHOLE `full/` Fast-F1 cache (HTTP
                   sqlite + .ff1pkl tree), ingested offline for 2018-2026, every session
full_warehouse  -> that root after `python -m transform build` (the served warehouse file)
fastf1_full     -> load(entry, laps=...) -> Fast-F1's own Session from another copy of `full/`
In CI (CI=true) missing shared data FAILS these tests; elsewhere they skip with the reason.
Outside CI, F1_TEST_FULL_DATA_ROOT=<a root this fixture built> reuses it (rebuilding takes minutes).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI, require_shared_cache, run_cli

INGEST_FULL = [
    "-m", "tests.transform.ingest_full", "run",
    "--season", "2018-2026", "--rounds", "all", "--sessions", "all", "--offline",
]  # fmt: skip


@pytest.fixture(scope="session")
def full_data_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = require_shared_cache("full")
    reuse = os.environ.get("F1_TEST_FULL_DATA_ROOT")  # a root built by this fixture before
    if reuse and not IN_CI:
        return Path(reuse)
    root = tmp_path_factory.mktemp("full-data-root")
    shutil.copytree(source, root / "cache")  # never point Fast-F1 at ../shared itself
    result = run_cli(INGEST_FULL, root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def full_warehouse(full_data_root: Path) -> Path:
    result = run_cli(["-m", "transform", "build"], full_data_root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    path = full_data_root / "warehouse" / "f1.duckdb"
    assert path.is_file()
    return path


@pytest.fixture(scope="session")
def fastf1_full(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Any]:
    """load(catalog entry, laps=bool) -> Fast-F1 Session, offline on a temp copy of `full/`."""
    import fastf1

    from ingestion.loader import use_fastf1_cache

    cache = tmp_path_factory.mktemp("fastf1-full") / "cache"
    shutil.copytree(require_shared_cache("full"), cache)
    fastf1.set_log_level("ERROR")
    loaded: dict[tuple[Any, ...], Any] = {}

    def load(entry: dict[str, Any], *, laps: bool) -> Any:
        key = (entry["year"], entry["round"], entry["session"], laps)
        if key not in loaded:
            use_fastf1_cache(cache, offline=True)  # other tests may point Fast-F1 elsewhere
            session = fastf1.get_session(entry["year"], entry["round"], entry["session"])
            session.load(laps=laps, telemetry=False, weather=False, messages=laps)
            loaded[key] = session
        return loaded[key]

    return load
