"""Checks a reader of the published lake makes: a version is complete when both layers'
manifests name the same build and every table's files hold the manifest's row count."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.dataset as ds


def version_problems(version: Path) -> list[str]:
    """What is missing or wrong in one published version (empty = complete and readable)."""
    problems, build_ids = [], set()
    for layer in ("silver", "gold"):
        manifest = json.loads((version / layer / "_manifest.json").read_text())
        build_ids.add(manifest["build_id"])
        if not manifest["tables"]:
            problems.append(f"{version.name}/{layer}: no tables")
        for name, entry in manifest["tables"].items():
            dataset = ds.dataset(version / layer / name, format="parquet", partitioning="hive")
            rows = dataset.count_rows()
            if rows != entry["rows"]:
                problems.append(
                    f"{version.name}/{layer}/{name}: {rows} rows, manifest {entry['rows']}"
                )
    if len(build_ids) != 1:
        problems.append(f"{version.name}: silver and gold from builds {sorted(build_ids)}")
    return problems


def resolve_current(root: Path) -> Path:
    """The published version, resolved ONCE (a reader then reads only under it)."""
    return Path(os.path.realpath(root / "lake" / "current"))
