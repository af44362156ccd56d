"""Silver and gold published as Parquet on the data root, one complete version per build.

Layout (all under the data root):

    lake/<version>/silver/<table>/season=YYYY/data_0.parquet   (hive-partitioned by season,
    lake/<version>/silver/_manifest.json                        where the table has one)
    lake/<version>/gold/...                                     the same for gold
    lake/current -> <version>                                   the ONE pointer readers follow
    silver -> lake/current/silver,  gold -> lake/current/gold   (fixed relative symlinks)

A build writes its version into `lake/.tmp-<version>/` (a partition unchanged since the current
version is hard-linked from it, not written: `transform.lake_export`), makes it durable,
renames the folder to `lake/<version>/` and only then — right after the DuckDB file is renamed
into place — replaces the `current` symlink with `os.replace` (an atomic rename). Both layers
switch in that one rename, so a reader never sees half of a build. A reader that lists many files
should resolve `lake/current` once (`os.path.realpath`) and read under that folder: the previous
version is kept for readers in flight; older ones are removed. A build killed at any point leaves
`current` on the previous, complete version (a `.tmp-*` folder at most, removed by the next
build); killed between the DuckDB rename and the pointer switch, the next build rolls the pointer
forward (`recover`).

Types (`transform.lake_export`) are the ones Spark, Trino and pyarrow read with default settings:
timestamps are TIMESTAMP(MICROS) adjusted to UTC (every served TIMESTAMP column is UTC by the
models' convention; a column named `*_local*` stays a local wall-clock TIMESTAMP without zone),
intervals become `<name>_ms` doubles, unsigned and 128-bit integers become signed/decimal, UUIDs,
enums and times become strings.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import duckdb

from f1lake.atomic import fsync_path, sync_tree
from f1lake.settings import DataLayout
from f1lake.warehouse import SERVED_LAYERS, detect_schemas
from transform.lake_export import export_table

logger = logging.getLogger(__name__)

MANIFEST = "_manifest.json"


class PublishError(RuntimeError):
    """The lake could not be written or switched; the published version is unchanged."""


def lake_dir(root: Path) -> Path:
    return DataLayout(root).lake


def current_link(root: Path) -> Path:
    return lake_dir(root) / "current"


def current_version(root: Path) -> Path | None:
    """The folder `lake/current` points at, resolved once (None before the first publish)."""
    link = current_link(root)
    if not link.is_symlink():
        return None
    target = lake_dir(root) / link.readlink()
    return target if target.is_dir() else None


def read_manifest(version: Path, layer: str) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((version / layer / MANIFEST).read_text())
    return manifest


def warehouse_build_id(con: duckdb.DuckDBPyConnection, gold_schema: str) -> str | None:
    try:
        rows = con.execute(f'select build_id from "{gold_schema}".warehouse_build_info').fetchall()
    except duckdb.CatalogException:
        return None
    return str(rows[0][0]) if rows else None


def write_version(warehouse: Path, root: Path) -> Path:
    """Export every served table of `warehouse` into a new, complete `lake/<version>/` folder.
    Nothing readers follow changes here; `switch` makes it current."""
    lake = lake_dir(root)
    lake.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        schemas = detect_schemas(con)
        build_id = warehouse_build_id(con, schemas.gold) or f"nobuildinfo-{time.time_ns()}"
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        version = f"{stamp}-{build_id[:8]}"
        for again in range(2, 1000):  # the same build published twice within one second
            if not (lake / version).exists():
                break
            version = f"{stamp}-{build_id[:8]}-{again}"
        staging = lake / f".tmp-{version}"
        shutil.rmtree(staging, ignore_errors=True)
        previous = current_version(root)
        for layer, schema in zip(SERVED_LAYERS, schemas.names(), strict=True):
            tables = con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? order by table_name",
                [schema],
            ).fetchall()
            (staging / layer).mkdir(parents=True)
            before = _previous_tables(previous, layer)
            entries = {}
            for (table,) in tables:
                old = before.get(table)
                entries[table] = export_table(con, schema, table, staging / layer / table, old)
            manifest = {
                "layer": layer,
                "build_id": build_id,
                "version": version,
                "published_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "warehouse_schema": schema,
                "tables": entries,
            }
            (staging / layer / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    finally:
        con.close()
    sync_tree(staging)
    final = lake / version
    staging.rename(final)
    fsync_path(lake)  # the rename itself is durable before anything points at it
    logger.debug("wrote lake version %s (build %s)", version, build_id)
    return final


def _previous_tables(version: Path | None, layer: str) -> dict[str, tuple[Path, dict[str, Any]]]:
    """table -> (its folder, its manifest entry) in a previous version (empty if unreadable)."""
    if version is None:
        return {}
    try:
        tables = read_manifest(version, layer)["tables"]
    except (OSError, ValueError, KeyError):
        return {}
    return {name: (version / layer / name, entry) for name, entry in tables.items()}


def _replace_symlink(link: Path, target: str) -> None:
    temp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    temp.unlink(missing_ok=True)
    temp.symlink_to(target)
    temp.replace(link)  # atomic: readers see the old target or the new one


def check_layer_links(root: Path) -> None:
    """`silver/` and `gold/` must be our symlinks or empty folders (made by `make init`)."""
    for layer in SERVED_LAYERS:
        path = root / layer
        if path.is_symlink() or not path.exists():
            continue
        if not path.is_dir() or any(path.iterdir()):
            raise PublishError(
                f"{path} is not empty and not a link into lake/: move it away so the build "
                "can publish silver and gold there"
            )


def _ensure_layer_links(root: Path) -> None:
    check_layer_links(root)
    for layer in SERVED_LAYERS:
        path, target = root / layer, f"lake/current/{layer}"
        if path.is_symlink() and str(path.readlink()) == target:
            continue
        if path.is_dir() and not path.is_symlink():
            path.rmdir()  # empty (checked above)
        _replace_symlink(path, target)


def switch(root: Path, version: Path) -> None:
    """Point `lake/current` (and so `silver/` and `gold/`) at `version` in one atomic rename,
    then remove versions older than the previous one."""
    previous = current_version(root)
    _replace_symlink(current_link(root), version.name)
    _ensure_layer_links(root)
    keep = {version.name} | ({previous.name} if previous else set())
    cleanup(root, keep)
    logger.debug("lake/current -> %s", version.name)


def cleanup(root: Path, keep: set[str], *, unfinished_only: bool = False) -> None:
    """Remove every version (or only unfinished `.tmp-*` folders) not in `keep`. Runs under
    the build lock, so no other build is writing."""
    lake = lake_dir(root)
    if not lake.is_dir():
        return
    for entry in lake.iterdir():
        if entry.name in keep or entry.is_symlink() or not entry.is_dir():
            continue
        if unfinished_only and not entry.name.startswith(".tmp-"):
            continue
        shutil.rmtree(entry, ignore_errors=True)


def recover(root: Path, warehouse: Path) -> None:
    """Before a build: drop unfinished versions and, if a build was killed between the DuckDB
    rename and the pointer switch, roll the pointer forward to the served file's version."""
    current = current_version(root)
    cleanup(root, set(), unfinished_only=True)
    lake = lake_dir(root)
    if not warehouse.is_file() or not lake.is_dir():
        return
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        served_id = warehouse_build_id(con, detect_schemas(con).gold)
    finally:
        con.close()
    candidates = [] if served_id is None else sorted(lake.glob(f"*-{served_id[:8]}"))
    for version in candidates:
        if version == current or version.name.startswith("."):
            continue
        if read_manifest(version, "gold").get("build_id") == served_id:
            logger.warning("rolling lake/current forward to %s (interrupted build)", version)
            switch(root, version)
            return
