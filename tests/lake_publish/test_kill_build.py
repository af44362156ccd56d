"""SIGKILL a build at several points (inside dbt, as publishing starts, mid-way through the
Parquet files, right after the new version folder is complete): a reader process running all
the while always finds the published silver/gold of ONE build, complete and readable; the next
build finishes, the lake and the DuckDB file name the same build and old versions are gone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT
from tests.lake_publish.lake_support import resolve_current, version_problems
from tests.transform.transform_support import copy_data_root
from transform import publish

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

READER = r"""
import json, sys, time
from pathlib import Path
from tests.lake_publish.lake_support import resolve_current, version_problems

root, stop = Path(sys.argv[1]), Path(sys.argv[2])
reads, failures, builds = 0, [], set()
while not stop.exists():
    try:
        version = resolve_current(root)
        problems = version_problems(version)
        failures.extend(problems)
        # the fixed links on the data root lead to a complete manifest too
        json.loads((root / "silver" / "_manifest.json").read_text())
        json.loads((root / "gold" / "_manifest.json").read_text())
        builds.add(version.name)
        reads += 1
    except Exception as exc:
        failures.append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.01)
print(json.dumps({"reads": reads, "failures": failures[:20], "builds": sorted(builds)}))
"""


def tmp_versions(root: Path, known: frozenset[str] = frozenset()) -> list[Path]:
    return [p for p in (root / "lake").glob(".tmp-*") if p.is_dir() and p.name not in known]


def lake_entries(root: Path) -> frozenset[str]:
    return frozenset(p.name for p in (root / "lake").iterdir())


def in_dbt(root: Path, known: frozenset[str]) -> bool:
    return (root / "warehouse" / "f1.next.duckdb").exists() and not tmp_versions(root, known)


def publishing(root: Path, known: frozenset[str]) -> bool:
    return bool(tmp_versions(root, known))


def mid_publish(root: Path, known: frozenset[str]) -> bool:
    return sum(1 for t in tmp_versions(root, known) for _ in t.rglob("*.parquet")) >= 15


def version_written(root: Path, known: frozenset[str]) -> bool:
    """A new complete version folder exists (the DuckDB rename and the switch come next)."""
    return any(p.name[0] != "." and p.name not in known for p in (root / "lake").iterdir())


# (condition, extra delay in s) for each killed build
KILL_POINTS: list[tuple[Callable[[Path, frozenset[str]], bool], float]] = [
    (in_dbt, 1.0),
    (publishing, 0.0),
    (mid_publish, 0.0),
    (version_written, 0.0),
]


def served_build(root: Path) -> str:
    con = duckdb.connect(str(root / "warehouse" / "f1.duckdb"), read_only=True)
    try:
        return str(con.execute("select build_id from gold.warehouse_build_info").fetchall()[0][0])
    finally:
        con.close()


def build(root: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "transform", "build"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_killed_builds_leave_the_previous_lake_complete(
    full_lake_root: Path, tmp_path: Path
) -> None:
    root = copy_data_root(full_lake_root, tmp_path / "root")
    env = {**os.environ, "EXTERNAL_DATA_ROOT": str(root)}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    assert build(root, env).wait() == 0
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(root), str(stop)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    kills = 0
    try:
        for condition, delay in KILL_POINTS:
            before = {"lake": resolve_current(root).name, "duckdb": served_build(root)}
            known = lake_entries(root)
            proc = build(root, env)
            while proc.poll() is None and not condition(root, known):
                time.sleep(0.005)
            time.sleep(delay)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                kills += 1
            proc.wait()
            current = resolve_current(root)
            assert version_problems(current) == []
            if proc.returncode == -signal.SIGKILL and current.name != before["lake"]:
                # killed after the switch: the lake is the new, complete build
                assert publish.read_manifest(current, "gold")["build_id"] == served_build(root)
        final = build(root, env)
        assert final.wait() == 0
    finally:
        stop.touch()
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err[-2000:]
    outcome = json.loads(out.strip().splitlines()[-1])
    print(f"kills {kills}, reader: {outcome['reads']} reads, builds {outcome['builds']}")
    assert outcome["failures"] == []
    assert outcome["reads"] > 20
    assert len(outcome["builds"]) >= 2, outcome  # reads before and after a switch
    assert kills >= 3, "most builds finished before their kill point"

    current = resolve_current(root)
    assert version_problems(current) == []
    assert publish.read_manifest(current, "silver")["build_id"] == served_build(root)
    assert tmp_versions(root) == []
    versions = [p for p in (root / "lake").iterdir() if p.name != "current"]
    assert len(versions) <= 2
