"""Which dbt project code built a warehouse: unit tests are not repeated for unchanged code.

dbt's unit tests check the F1 rules on fixed inputs, so their outcome depends on the project's
code (models, macros, seeds, tests, dbt_project.yml) and on nothing ingested. A build records
the digest of that code in the warehouse it built (`lake.build_code`, never served); an
incremental build whose served warehouse was built from the same code skips them. A full build
(`make verify-gold`, `--full-refresh`) always runs them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

CODE_FOLDERS = ("models", "macros", "seeds", "tests")
CODE_FILES = ("dbt_project.yml", "packages.yml")


def code_digest(project: Path) -> str:
    """sha256 over every code file's relative path and bytes, in a fixed order."""
    digest = hashlib.sha256()
    files = [project / name for name in CODE_FILES if (project / name).is_file()]
    for folder in CODE_FOLDERS:
        files += sorted(p for p in (project / folder).rglob("*") if p.is_file())
    for path in files:
        digest.update(path.relative_to(project).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def recorded_digest(warehouse: Path) -> str | None:
    """The digest a warehouse was built from (None: unknown, e.g. an older build)."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            row = con.execute("select code_digest from lake.build_code").fetchone()
    except duckdb.Error:
        return None
    return str(row[0]) if row else None


def record_digest(warehouse: Path, digest: str) -> None:
    """Write the digest into a warehouse just built (before it is checkpointed and swapped)."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists lake")
        con.execute("create or replace table lake.build_code as select ? as code_digest", [digest])
