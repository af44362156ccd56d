"""Helpers for the transform tests: the real caches' catalogs, session ids, root copies, queries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb

from f1lake.sessions import codes_by_name
from tests.conftest import require_shared_cache

REPO = Path(__file__).resolve().parents[2]
_MODELS = REPO / "transform" / "models"


def _project_models(folder: str) -> set[str]:
    """Every model the dbt project defines under models/<folder>/ (its schema, dbt_project.yml)."""
    return {p.stem for p in (_MODELS / folder).rglob("*.sql")}


# The served tables are what the dbt project defines (seeds land in silver), never a list kept
# by hand: a new model is served, or a test says so.
SERVED_SILVER = _project_models("silver") | {
    p.stem for p in (REPO / "transform" / "seeds").glob("*.csv")
}
SERVED_GOLD = _project_models("gold")

SESSION_CODES = codes_by_name()  # the one list: transform/seeds/session_codes.csv


def catalog(name: str = "all") -> list[dict[str, Any]]:
    """A real cache's catalog: one entry per session with its row counts per table."""
    folder = require_shared_cache(name)
    lines = (folder / "catalog.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def session_id(entry: dict[str, Any]) -> str:
    return f"{entry['year']:04d}-{entry['round']:02d}-{SESSION_CODES[entry['session']]}"


def copy_data_root(source: Path, target: Path, *, with_warehouse: bool = True) -> Path:
    """Copy bronze (and the served warehouse) of a data root; never the Fast-F1 cache."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "bronze", target / "bronze")
    (target / "warehouse").mkdir(exist_ok=True)
    if with_warehouse:
        shutil.copy(source / "warehouse" / "f1.duckdb", target / "warehouse" / "f1.duckdb")
    return target


def query(path: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
