"""Unit tests are repeated only when the dbt code changed (transform/code_state.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from transform import code_state

PROJECT = Path(__file__).resolve().parents[2] / "transform"


def project_copy(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    for name in code_state.CODE_FOLDERS:
        shutil.copytree(PROJECT / name, target / name)
    for name in code_state.CODE_FILES:
        shutil.copy(PROJECT / name, target / name)
    return target


def test_the_digest_follows_the_code_and_nothing_else(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    before = code_state.code_digest(project)
    assert code_state.code_digest(project) == before
    (project / "target").mkdir()  # dbt's output is not code
    (project / "target" / "manifest.json").write_text("{}")
    assert code_state.code_digest(project) == before
    rule = project / "models" / "gold" / "fct_results.sql"
    rule.write_text(rule.read_text() + "\n-- a changed rule\n")
    assert code_state.code_digest(project) != before


def test_a_warehouse_remembers_the_code_it_was_built_from(tmp_path: Path) -> None:
    warehouse = tmp_path / "f1.duckdb"
    assert code_state.recorded_digest(warehouse) is None  # no file
    duckdb.connect(str(warehouse)).close()
    assert code_state.recorded_digest(warehouse) is None  # an older build: unknown
    code_state.record_digest(warehouse, "abc")
    assert code_state.recorded_digest(warehouse) == "abc"
    code_state.record_digest(warehouse, "def")
    assert code_state.recorded_digest(warehouse) == "def"
