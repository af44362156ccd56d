"""scripts/init_external.sh: creates the data root layout, refuses roots it cannot use."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.ops.ops_support import REPO_ROOT

LAYOUT = {"bronze", "silver", "gold", "cache", "warehouse", "ollama", "logs"}


def init(root: Path | str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "init_external.sh"), str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a directory really unwritable. As root, permission bits do not stop writes, so use
    the immutable attribute (chattr +i); otherwise chmod is enough."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(0o755)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a directory read-only")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i unsupported here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_creates_the_layout_and_proves_write_access(tmp_path: Path) -> None:
    root = tmp_path / "f1-data"
    result = init(root)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in root.iterdir()} == LAYOUT
    assert not list((root / "cache").iterdir())  # the write probe cleaned up after itself
    assert f"data root ready at {root}" in result.stdout
    assert init(root).returncode == 0  # idempotent


def test_defaults_to_external_data_root(tmp_path: Path) -> None:
    root = tmp_path / "from-env"
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "init_external.sh")],
        capture_output=True,
        text=True,
        env={**os.environ, "EXTERNAL_DATA_ROOT": str(root)},
    )
    assert result.returncode == 0, result.stderr
    assert {p.name for p in root.iterdir()} == LAYOUT


def test_missing_parent_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "not-mounted" / "f1-data"
    result = init(root)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"init_external: data root parent '{tmp_path / 'not-mounted'}' does not exist "
        "(is the external drive mounted?)"
    )
    assert not (tmp_path / "not-mounted").exists()


def test_read_only_root_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "f1-data"
    root.mkdir()
    with read_only(root):
        result = init(root)
    assert result.returncode == 1
    assert "read-only" in result.stderr and str(root) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(root.iterdir())


def test_read_only_parent_cannot_hold_a_new_root(tmp_path: Path) -> None:
    parent = tmp_path / "mount"
    parent.mkdir()
    with read_only(parent):
        result = init(parent / "f1-data")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"init_external: cannot create data root '{parent / 'f1-data'}' "
        "(read-only or no permission)"
    )


def test_a_file_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "f1-data"
    root.write_text("not a directory")
    result = init(root)
    assert result.returncode == 1
    assert result.stderr.strip() == f"init_external: data root '{root}' is not a directory"
