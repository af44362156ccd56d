"""Nodes fed only by unchanged inputs are not run again (transform/input_state.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from transform import bronze_check, input_state


def manifest(root: Path) -> input_state.Manifest:
    """A dbt-manifest-shaped graph: history staging from one source, a mart from history and
    from a model fed by the bronze check (reads files no source declares)."""

    def source(folder: str) -> dict[str, str]:
        return {"relation_name": f"read_parquet('{root}/{folder}/**/*.parquet', x = true)"}

    def node(name: str, kind: str = "model") -> dict[str, str]:
        return {"name": name, "resource_type": kind}

    return {
        "sources": {
            "source.p.history.races": source("history"),
            "source.p.bronze.laps": source("laps"),
        },
        "nodes": {
            "model.p.bronze_files": node("bronze_files"),
            "model.p.stg_history_races": node("stg_history_races"),
            "test.p.not_null_stg_history_races_season": node("not_null_races", "test"),
            "seed.p.session_codes": node("session_codes", "seed"),
            "test.p.rel_codes": node("rel_codes", "test"),
            "model.p.stg_laps": node("stg_laps"),
            "model.p.fct_results": node("fct_results"),
        },
        "parent_map": {
            "model.p.bronze_files": [],
            "model.p.stg_history_races": ["source.p.history.races"],
            "test.p.not_null_stg_history_races_season": ["model.p.stg_history_races"],
            "seed.p.session_codes": [],
            "test.p.rel_codes": ["seed.p.session_codes", "model.p.stg_history_races"],
            "model.p.stg_laps": ["source.p.bronze.laps", "model.p.bronze_files"],
            "model.p.fct_results": ["model.p.stg_laps", "model.p.stg_history_races"],
        },
    }


def test_only_nodes_fed_by_unchanged_inputs_are_skipped(tmp_path: Path) -> None:
    graph = manifest(tmp_path)
    skipped = input_state.unchanged_nodes(graph, {"source.p.bronze.laps"})
    assert skipped == ["not_null_races", "rel_codes", "session_codes", "stg_history_races"]
    everything = input_state.unchanged_nodes(graph, {"source.p.history.races"})
    assert everything == ["session_codes"]  # bronze_files' children always run


def test_a_new_file_changes_its_source_and_the_record_round_trips(tmp_path: Path) -> None:
    graph = manifest(tmp_path)
    (tmp_path / "history" / "season=2024").mkdir(parents=True)
    (tmp_path / "history" / "season=2024" / "part-0.parquet").write_bytes(b"x")
    before = input_state.fingerprints(graph)
    warehouse = tmp_path / "f1.duckdb"
    duckdb.connect(str(warehouse)).close()
    assert input_state.changed_sources(warehouse, before, graph) == set(graph["sources"])
    input_state.record_fingerprints(warehouse, before)
    assert input_state.changed_sources(warehouse, before, graph) == set()
    (tmp_path / "laps" / "season=2024").mkdir(parents=True)
    (tmp_path / "laps" / "season=2024" / "part-0.parquet").write_bytes(b"y")
    after = input_state.fingerprints(graph)
    assert input_state.changed_sources(warehouse, after, graph) == {"source.p.bronze.laps"}
    written_during_build = input_state.fingerprints(graph, before_ns=0)
    assert written_during_build == {}  # every file is newer: nothing known


def test_a_manifest_of_another_data_root_is_not_used(tmp_path: Path) -> None:
    """A copied or moved root carries the old root's manifest: its sources' files are not this
    root's, so nothing is judged unchanged from them (the build runs every node)."""
    project, target = tmp_path / "project", tmp_path / "root" / "logs" / "dbt" / "target"
    (project / "models").mkdir(parents=True)
    (project / "models" / "m.sql").write_text("select 1")
    target.mkdir(parents=True)
    (target / "manifest.json").write_text(json.dumps(manifest(tmp_path / "old-root")))
    later = (project / "models" / "m.sql").stat().st_mtime_ns + 10**9
    os.utime(target / "manifest.json", ns=(later, later))
    assert input_state.load_manifest(target, project, tmp_path / "old-root") is not None
    assert input_state.load_manifest(target, project, tmp_path / "root") is None


def _bronze_file(root: Path, season: int, rnd: int) -> Path:
    folder = root / "bronze" / "laps" / f"season={season}" / f"round={rnd:02d}" / "session=R"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "part-0.parquet").write_bytes(b"laps")
    return folder / "part-0.parquet"


def _served_scan(warehouse: Path, root: Path) -> None:
    """A served warehouse whose lake.bronze_files scanned the bronze files there are now."""
    rows = [
        (path.as_posix(), bronze_check.scan_stamp(root, table, path, {}), season)
        for table, path in bronze_check.bronze_files(root)
        for season in [int(path.parts[-4].split("=")[1])]
    ]
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema lake")
        con.execute("create table lake.bronze_files (file_path text, scan_stamp text, season int)")
        con.executemany("insert into lake.bronze_files values (?, ?, ?)", rows)


def test_the_build_scope_starts_at_the_oldest_season_whose_bronze_changed(tmp_path: Path) -> None:
    root, served = tmp_path / "root", tmp_path / "served.duckdb"
    old = _bronze_file(root, 2023, 1)
    _bronze_file(root, 2024, 1)
    laps = {"source.f1_lakehouse.bronze.laps"}
    assert input_state.build_scope_season(served, root, laps) is None  # no scan: every season
    _served_scan(served, root)
    assert input_state.build_scope_season(served, root, set()) is None  # nothing changed
    _bronze_file(root, 2024, 2)
    assert input_state.build_scope_season(served, root, laps) == 2024
    history = laps | {"source.f1_lakehouse.bronze_history.races"}
    assert input_state.build_scope_season(served, root, history) is None
    old.unlink()  # a removed file changes its season too
    assert input_state.build_scope_season(served, root, laps) == 2023


def test_the_build_scope_is_written_and_cleared(tmp_path: Path) -> None:
    warehouse = tmp_path / "f1.duckdb"
    input_state.write_build_scope(warehouse, 2024)
    with duckdb.connect(str(warehouse)) as con:
        assert con.execute("select from_season from lake.build_scope").fetchall() == [(2024,)]
    input_state.write_build_scope(warehouse, None)
    with duckdb.connect(str(warehouse)) as con:
        assert con.execute("select count(*) from lake.build_scope").fetchall() == [(0,)]
