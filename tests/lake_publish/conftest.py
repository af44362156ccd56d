"""Fixtures of the lake publishing tests: the warehouse built from the WHOLE real `full/` cache
(the session's real data root, shared with the other packages); Spark: tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def full_lake_root(real_warehouse: Path) -> Path:
    """The session's data root ingested offline from `full/` and built (tests/conftest.py):
    warehouse + published lake. Read only here (test_kill_build works on a copy)."""
    root = real_warehouse.parents[1]
    assert (root / "lake" / "current").is_symlink()
    return root
