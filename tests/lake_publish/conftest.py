"""Fixtures of the lake publishing tests: the warehouse built from the WHOLE real `full/` cache
(HTTP sqlite + .ff1pkl tree copied into <root>/cache) and one Spark session for the run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI, INGEST_ALL, require_shared_cache, run_cli


def copy_full_cache(root: Path) -> None:
    """The whole `full/` folder (sqlite + pickle tree) into <root>/cache, never ../shared."""
    shutil.copytree(require_shared_cache("full"), root / "cache")


@pytest.fixture(scope="session")
def full_lake_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data root ingested offline from `full/` and built: warehouse + published lake."""
    root = tmp_path_factory.mktemp("full-lake-root")
    copy_full_cache(root)
    for args in (INGEST_ALL, ["-m", "transform", "build"]):
        result = run_cli(args, root)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
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
