"""A build stopped dead at any point leaves the published lake on the previous, complete build.

A reader process runs all the while on a copy of the built real data root (its warehouse AND its
published lake) and must always find the silver/gold of ONE build, complete and readable.
- build 1 is SIGKILLed as it starts (the staging file just made);
- build 2 is frozen (SIGSTOP of its process group) inside dbt, as publishing starts and mid-way
  through the Parquet files: each time the root's warehouse and lake are copied — exactly what
  a SIGKILL at that point leaves, since a stopped process writes nothing more — and the build
  resumes (SIGCONT); it is SIGKILLed right after its new version folder is complete;
- build 3 must finish: the lake and the DuckDB file name the same build, old versions are gone.
On every frozen copy the published lake is the previous build's, complete, and the first step of
the next build (`publish.recover`) removes the unfinished version and leaves it so. One dbt run is
killed and one finishes: each point does not cost a whole build of its own."""

from __future__ import annotations

import json
import os
import shutil
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
    time.sleep(0.25)  # each read checks every table's row count: leave the CPU to the build
print(json.dumps({"reads": reads, "failures": failures[:20], "builds": sorted(builds)}))
"""
DBT_NODES_BEFORE_FREEZE = 40  # dbt nodes finished when build 2 is frozen inside dbt


def tmp_versions(root: Path, known: frozenset[str] = frozenset()) -> list[Path]:
    return [p for p in (root / "lake").glob(".tmp-*") if p.is_dir() and p.name not in known]


def lake_entries(root: Path) -> frozenset[str]:
    return frozenset(p.name for p in (root / "lake").iterdir())


class Build:
    """`python -m transform build` on a root, in its own process group, watched from outside."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root, self.known = root, lake_entries(root)
        self.log = root / "logs" / "dbt" / "dbt.log"
        self.log_offset = self.log.stat().st_size if self.log.exists() else 0
        self.nodes_done = 0
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "transform", "build"],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def reach(self, condition: Callable[[Build], bool | None]) -> bool:
        """Wait until `condition` holds (True); False when the build has ended or has gone past
        that point (the condition says None)."""
        while self.proc.poll() is None:
            reached = condition(self)
            if reached is not None:
                if reached:
                    return True
                time.sleep(0.005)
                continue
            return False
        return False

    def signal(self, number: signal.Signals) -> None:
        os.killpg(self.proc.pid, number)


def staging_made(build: Build) -> bool:
    return (build.root / "warehouse" / "f1.next.duckdb").exists()


def in_dbt(build: Build) -> bool | None:
    """dbt has finished some nodes of this build (its log, appended per build, says so); None
    once publishing has begun."""
    if tmp_versions(build.root, build.known):
        return None
    if build.log.exists():
        if build.log.stat().st_size < build.log_offset:  # dbt rotated its log
            build.log_offset = 0
        with build.log.open("rb") as log:
            log.seek(build.log_offset)
            chunk = log.read()
        lines = chunk[: chunk.rfind(b"\n") + 1]  # whole lines only
        build.log_offset += len(lines)
        build.nodes_done += lines.count(b"Finished running node")
    return build.nodes_done >= DBT_NODES_BEFORE_FREEZE


def publishing(build: Build) -> bool | None:
    return True if tmp_versions(build.root, build.known) else version_passed(build)


def mid_publish(build: Build) -> bool | None:
    parquet = sum(1 for t in tmp_versions(build.root, build.known) for _ in t.rglob("*.parquet"))
    return True if parquet >= 15 else version_passed(build)


def version_passed(build: Build) -> bool | None:
    """False while the new version folder is not complete, None once it is."""
    return None if version_written(build) else False


def version_written(build: Build) -> bool:
    """A new complete version folder exists (the DuckDB rename and the switch come next)."""
    return any(
        p.name[0] != "." and p.name not in build.known for p in (build.root / "lake").iterdir()
    )


FROZEN_AT = [in_dbt, publishing, mid_publish]


def copy_with_lake(source: Path, target: Path) -> Path:
    """A copy of a built root with its published lake (and the silver/gold links into it)."""
    root = copy_data_root(source, target)
    shutil.copytree(source / "lake", root / "lake", symlinks=True)
    for layer in ("silver", "gold"):
        (root / layer).symlink_to((source / layer).readlink())
    return root


def snapshot(root: Path, target: Path) -> Path:
    """What a SIGKILL of the (stopped) build would leave of the served warehouse and the lake."""
    skip = shutil.ignore_patterns(".*", "f1.next.duckdb*")  # the next build removes the staging
    shutil.copytree(root / "warehouse", target / "warehouse", ignore=skip)
    shutil.copytree(root / "lake", target / "lake", symlinks=True)
    for layer in ("silver", "gold"):
        (target / layer).symlink_to((root / layer).readlink())
    return target


def served_build(root: Path) -> str:
    con = duckdb.connect(str(root / "warehouse" / "f1.duckdb"), read_only=True)
    try:
        return str(con.execute("select build_id from gold.warehouse_build_info").fetchall()[0][0])
    finally:
        con.close()


def published(root: Path) -> dict[str, str]:
    """The version `lake/current` names (complete) and the build the served DuckDB file holds."""
    current = resolve_current(root)
    assert version_problems(current) == [], current
    for layer in ("silver", "gold"):  # the fixed links lead to the same manifests
        assert json.loads((root / layer / "_manifest.json").read_text())["version"] == current.name
    return {"lake": current.name, "duckdb": served_build(root)}


def test_killed_builds_leave_the_previous_lake_complete(
    full_lake_root: Path, tmp_path: Path
) -> None:
    root = copy_with_lake(full_lake_root, tmp_path / "root")
    env = {**os.environ, "EXTERNAL_DATA_ROOT": str(root)}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    before = published(root)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(root), str(stop)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    frozen: list[tuple[str, Path]] = []
    try:
        first = Build(root, env)
        assert first.reach(staging_made), "build 1 ended before making its staging file"
        time.sleep(1.0)
        first.signal(signal.SIGKILL)
        assert first.proc.wait() == -signal.SIGKILL
        assert published(root) == before

        second = Build(root, env)
        for condition in FROZEN_AT:
            if not second.reach(condition):
                break
            second.signal(signal.SIGSTOP)
            try:
                frozen.append((condition.__name__, snapshot(root, tmp_path / condition.__name__)))
            finally:
                second.signal(signal.SIGCONT)
        killed = second.reach(version_written)
        if killed:
            second.signal(signal.SIGKILL)
        second.proc.wait()
        now = published(root)  # the previous lake, or (killed after the switch) the new one
        if now["lake"] != before["lake"]:
            assert publish.read_manifest(resolve_current(root), "gold")["build_id"] == now["duckdb"]

        final = Build(root, env)
        assert final.proc.wait() == 0
    finally:
        stop.touch()
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err[-2000:]
    outcome = json.loads(out.strip().splitlines()[-1])
    points = [name for name, _ in frozen] + (["version_written"] if killed else [])
    print(f"stopped at {points}; reader: {outcome['reads']} reads, builds {outcome['builds']}")
    assert outcome["failures"] == []
    assert outcome["reads"] > 20
    assert len(outcome["builds"]) >= 2, outcome  # reads before and after a switch
    assert len(points) >= 3, f"build 2 finished before most of its stop points: {points}"

    for name, copy in frozen:  # a kill there: the previous lake, complete; recovery keeps it
        assert published(copy) == before, name
        publish.recover(copy, copy / "warehouse" / "f1.duckdb")
        assert tmp_versions(copy) == [], name
        assert published(copy) == before, name

    after = published(root)
    assert after["lake"] != before["lake"]
    assert publish.read_manifest(resolve_current(root), "silver")["build_id"] == after["duckdb"]
    assert tmp_versions(root) == []
    versions = [p for p in (root / "lake").iterdir() if p.name != "current"]
    assert len(versions) <= 2
