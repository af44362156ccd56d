"""Which inputs changed since the served build: nodes fed only by unchanged inputs do not run.

dbt's sources name the files they read (`read_parquet('<glob>', ...)` in the manifest). A build
records a fingerprint of each source's files (path, size, modification time) in the warehouse it
built (`lake.build_inputs`, never served). An incremental build from a warehouse built from the
same dbt code (code_state) skips every model, seed and data test whose inputs are all unchanged
sources or seeds: the table it would build is the one in the copied warehouse (e.g. the Ergast
history's staging when only a Fast-F1 round was added). A node fed by a model that reads files no
source declares (`lake.bronze_files`, the OpenF1 scans) always runs; a full build runs everything.

Of those that run, the data tests and the per-season marts see only the seasons the new bronze can
change (`lake.build_scope`, macros/build_scope.sql): `build_scope_season` compares the bronze
files with the served build's scan of them (lake.bronze_files), as that scan decides (stamps).
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import duckdb

from transform import bronze_check

FASTF1_SOURCES = "source.f1_lakehouse.bronze."  # the ids of the Fast-F1 bronze sources
_SCAN = re.compile(r"read_parquet\('([^']+)'")
Manifest = dict[str, Any]


def load_manifest(target: Path, project: Path, root: Path) -> Manifest | None:
    """dbt's last manifest, if it was parsed from the project's current code (newer than every
    code file) for this data root (a copied or moved root keeps the old root's paths in its
    copied manifest: their files are not this root's), else None."""
    path = target / "manifest.json"
    try:
        parsed = path.stat().st_mtime_ns
        newest = max(p.stat().st_mtime_ns for p in project.rglob("*") if _is_code(project, p))
        if newest >= parsed:
            return None
        manifest: Manifest = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    prefix = f"{root.as_posix().rstrip('/')}/"
    for source in manifest.get("sources", {}).values():
        match = _SCAN.search(source.get("relation_name") or "")
        if match is not None and not match.group(1).startswith(prefix):
            return None
    return manifest


def _is_code(project: Path, path: Path) -> bool:
    from transform.code_state import CODE_FILES, CODE_FOLDERS

    parts = path.relative_to(project).parts
    return path.is_file() and (parts[0] in CODE_FOLDERS or path.name in CODE_FILES)


def fingerprints(manifest: Manifest, before_ns: int | None = None) -> dict[str, str]:
    """source id -> digest of its files; `before_ns`: sources with a file modified at or after
    that time (written during the build: maybe not what it read) are left out (unknown)."""
    out = {}
    for source_id, source in manifest.get("sources", {}).items():
        match = _SCAN.search(source.get("relation_name") or "")
        if match is None:
            continue
        digest = hashlib.sha256()
        fresh = False
        for file in sorted(glob.glob(match.group(1), recursive=True)):  # noqa: PTH207 (absolute)
            stat = Path(file).stat()
            fresh |= before_ns is not None and stat.st_mtime_ns >= before_ns
            digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        if not fresh:
            out[source_id] = digest.hexdigest()
    return out


def unchanged_nodes(manifest: Manifest, changed: set[str]) -> list[str]:
    """Names of the models, seeds and data tests fed only by unchanged sources and seeds."""
    parents: dict[str, list[str]] = manifest.get("parent_map", {})
    memo: dict[str, bool] = {}

    def unchanged(node: str) -> bool:
        if node not in memo:
            memo[node] = False  # a cycle (none in dbt) counts as changed
            if node.startswith("source."):
                memo[node] = node not in changed
            elif node.startswith("seed."):
                memo[node] = True  # seeds are code: the same as the served build's
            else:
                inputs = parents.get(node, [])
                memo[node] = bool(inputs) and all(unchanged(p) for p in inputs)
        return memo[node]

    nodes = manifest.get("nodes", {})
    kinds = ("model", "seed", "test")
    return sorted(
        node["name"]
        for node_id, node in nodes.items()
        if node.get("resource_type") in kinds and unchanged(node_id)
    )


def changed_sources(warehouse: Path, current: dict[str, str], manifest: Manifest) -> set[str]:
    """Sources whose fingerprint differs from (or is missing in) the warehouse's record."""
    recorded = recorded_fingerprints(warehouse)
    return {
        source_id
        for source_id in manifest.get("sources", {})
        if current.get(source_id) is None or recorded.get(source_id) != current[source_id]
    }


def recorded_fingerprints(warehouse: Path) -> dict[str, str]:
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            rows = con.execute("select source_id, fingerprint from lake.build_inputs").fetchall()
    except duckdb.Error:
        return {}
    return {str(source): str(digest) for source, digest in rows}


def record_fingerprints(warehouse: Path, current: dict[str, str]) -> None:
    """Write the fingerprints of what a build read into the warehouse it built."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists lake")
        con.execute(
            "create or replace table lake.build_inputs (source_id varchar, fingerprint varchar)"
        )
        if current:
            con.executemany("insert into lake.build_inputs values (?, ?)", list(current.items()))


def build_scope_season(served: Path, root: Path, changed: set[str]) -> int | None:
    """The first season whose rows this incremental build may change: the oldest season of a
    bronze file added, changed or removed since the served build's scan (lake.bronze_files).
    None (every season) when a changed source is not Fast-F1 bronze (the history, predictions),
    a changed file has no season, nothing changed or the served scan is unreadable."""
    if any(not source.startswith(FASTF1_SOURCES) for source in changed):
        return None
    try:
        with duckdb.connect(str(served), read_only=True) as con:
            scanned = con.execute(
                "select file_path, scan_stamp, season from lake.bronze_files"
            ).fetchall()
    except duckdb.Error:
        return None
    before = {(str(path), str(stamp)): season for path, stamp, season in scanned}
    now: dict[tuple[str, str], int | None] = {}
    stamps: dict[Path, str | None] = {}
    for table, path in bronze_check.bronze_files(root):
        key = bronze_check.partition_of(path)
        stamp = bronze_check.scan_stamp(root, table, path, stamps)
        now[(path.as_posix(), stamp)] = key.season if key else None
    seasons = [(before | now)[file] for file in before.keys() ^ now.keys()]
    if not seasons or any(season is None for season in seasons):
        return None
    return min(season for season in seasons if season is not None)


def write_build_scope(warehouse: Path, season: int | None) -> None:
    """Set lake.build_scope (macros/build_scope.sql) to `season` (None: every season). The build
    sets it before dbt runs and clears it after, so a served warehouse never holds a scope."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists lake")
        con.execute("create or replace table lake.build_scope (from_season integer)")
        if season is not None:
            con.execute("insert into lake.build_scope values (?)", [season])
