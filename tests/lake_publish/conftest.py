"""Fixtures of the lake publishing tests: the warehouse built from the WHOLE real `full/` cache
(the session's real data root, shared with the other packages) and one Spark session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI


@pytest.fixture(scope="session")
def full_lake_root(real_warehouse: Path) -> Path:
    """The session's data root ingested offline from `full/` and built (tests/conftest.py):
    warehouse + published lake. Read only here (test_kill_build works on a copy)."""
    root = real_warehouse.parents[1]
    assert (root / "lake" / "current").is_symlink()
    return root


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local[2] Spark session for every Spark test (it costs ~10 s to start)."""
    if shutil.which("java") is None:
        message = "java missing: run scripts/ensure_java.sh (Debian openjdk-17-jre-headless)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from transform.spark_check import spark_session

    session = spark_session()
    yield session
    session.stop()
