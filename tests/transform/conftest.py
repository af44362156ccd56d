"""Real-data fixtures of the transform tests, built ONCE per test session.

full_data_root  -> the shared real data root (tests/conftest.py): the WHOLE `full/` Fast-F1
                   cache (HTTP sqlite + .ff1pkl tree) replayed offline, 2018-2026, every session
full_warehouse  -> that root's warehouse, built once (the same file as `real_warehouse`)
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

from tests.conftest import IN_CI, require_shared_cache
from tests.conftest import build_real_warehouse as real_warehouse_of


@pytest.fixture(scope="session")
def full_data_root(real_data_root: Path) -> Path:
    """The shared real data root: the whole `full/` cache replayed with --cache-from."""
    reuse = os.environ.get("F1_TEST_FULL_DATA_ROOT")  # a root this fixture built before
    if reuse and not IN_CI:
        return Path(reuse)
    return real_data_root


@pytest.fixture(scope="session")
def full_warehouse(full_data_root: Path, real_data_root: Path) -> Path:
    if full_data_root == real_data_root:
        return real_warehouse_of(real_data_root)
    return full_data_root / "warehouse" / "f1.duckdb"


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
