"""`--cache-from PATH` copies an existing Fast-F1 cache in (or merges it into the one there):
its HTTP sqlite and its .ff1pkl tree, including pickles of older Fast-F1 versions."""

from __future__ import annotations

import shlex
import sqlite3
from pathlib import Path

import duckdb
import pytest

from ingestion.cache_import import import_caches
from ingestion.cache_probe import CachedSessionName, cached_sessions
from tests.conftest import catalog_key, real_catalog, require_shared_cache, run_cli, seed_cache
from tests.ingestion.fastf1_reference import open_reference_cache, reference_rows

pytestmark = pytest.mark.realdata

SPANISH_RACE = shlex.split("-m ingestion run --season 2024 --rounds 10 --sessions R --offline")


def cached_responses(cache_dir: Path) -> int:
    with sqlite3.connect(cache_dir / "fastf1_http_cache.sqlite") as con:
        count: int = con.execute("select count(*) from responses").fetchone()[0]
    return count


def manifest_row(root: Path) -> list[tuple[object, ...]]:
    return (
        duckdb.connect()
        .execute(
            f"""select status, results_rows, weather_rows, laps_rows
            from read_parquet('{root}/bronze/_manifest/**/*.parquet', hive_partitioning=true)"""
        )
        .fetchall()
    )


def test_cache_from_copies_a_cache_into_an_empty_root(tmp_path: Path) -> None:
    source = require_shared_cache("olsonlin1996-2024-races")
    result = run_cli([*SPANISH_RACE, "--cache-from", str(source)], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert cached_responses(tmp_path / "cache") == 97  # the source's 97 responses
    assert manifest_row(tmp_path) == [("ok", 20, 154, None)]
    # the source was only read (still read-only, same size)
    assert (source / "fastf1_http_cache.sqlite").stat().st_size == 1445888


def test_cache_from_merges_and_unavailable_sessions_are_picked_up(tmp_path: Path) -> None:
    # the quali-only cache does not hold the 2024 Spanish race: unavailable, no load
    seed_cache(tmp_path, "mvnye-2023-2024-quali")
    before = cached_responses(tmp_path / "cache")
    first = run_cli(SPANISH_RACE, tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    assert manifest_row(tmp_path) == [("unavailable", None, None, None)]
    assert "1 unavailable: not in the offline cache" in first.stdout

    source = require_shared_cache("olsonlin1996-2024-races")
    second = run_cli([*SPANISH_RACE, "--cache-from", str(source)], tmp_path)
    assert second.returncode == 0, second.stderr[-2000:]
    merged = cached_responses(tmp_path / "cache")
    assert before < merged <= before + 97  # merged, nothing already cached lost
    assert manifest_row(tmp_path) == [("ok", 20, 154, None)]


LEGACY = "legacy-pkl-2021-2024-races"


def manifest_rows(root: Path) -> dict[tuple[int, int, str], tuple[object, ...]]:
    rows = duckdb.connect().execute(
        f"""select season::int, round::int, session, status, laps_rows, cache_ignore_version
            from read_parquet('{root}/bronze/_manifest/**/*.parquet', hive_partitioning=true)
            where status <> 'unavailable'"""
    )
    return {(s, r, c): tuple(rest) for s, r, c, *rest in rows.fetchall()}


@pytest.mark.parametrize("ignore_version", [True, False], ids=["ignore-version", "check-version"])
def test_older_fastf1_pickles_need_the_ignore_version_switch(
    tmp_path: Path, ignore_version: bool
) -> None:
    """Legacy pickles (Fast-F1 api 12-14) over all/'s sqlite: with the switch the races have laps,
    exactly Fast-F1's own ignore_version load; the manifest records the switch either way."""
    legacy, http = require_shared_cache(LEGACY), require_shared_cache("all")
    flag = "--ignore-cache-version" if ignore_version else "--check-cache-version"
    args = [
        "-m",
        "ingestion",
        "run",
        "--season",
        "2021,2023,2024",
        "--rounds",
        "all",
        "--sessions",
        "R",
        "--offline",
        flag,
        "--cache-from",
        str(legacy),
        "--cache-from",
        str(http),
    ]
    result = run_cli(args, tmp_path / "root")
    assert result.returncode == 0, result.stderr[-2000:]
    got = manifest_rows(tmp_path / "root")
    open_reference_cache(http, tmp_path / "ref", pickles_from=legacy, ignore_version=ignore_version)
    races = real_catalog(LEGACY)
    for entry in races:
        key = catalog_key(entry)
        expected_laps = reference_rows(*key)["laps"]
        assert got[key][1] == expected_laps, key
        assert got[key][2] is ignore_version
        if ignore_version:  # the switch is what brings the laps
            assert expected_laps == entry["laps"]
        else:
            assert expected_laps is None
    with_laps = sum(1 for e in races if got[catalog_key(e)][1])
    print(f"\n{flag}: {with_laps} of {len(races)} races with laps")


def test_sessions_only_in_the_pickle_tree_are_held_offline(tmp_path: Path) -> None:
    full = require_shared_cache()
    in_tree = {
        CachedSessionName(event[:10], event[11:], session[11:])
        for event, session in {p.parent.parts[-2:] for p in full.rglob("*.ff1pkl")}
    }
    http_only = cached_sessions(seed_cache(tmp_path / "http", "all"))
    whole = cached_sessions(seed_cache(tmp_path / "whole"))
    assert in_tree - http_only  # e.g. 2025 races: laps only as pickles
    assert in_tree | http_only == whole


def test_reimport_keeps_what_the_cache_has(tmp_path: Path) -> None:
    full = require_shared_cache()
    cache = tmp_path / "cache"
    first = import_caches([full], cache)
    assert first.pickles_copied == len(list(full.rglob("*.ff1pkl"))) and first.pickles_kept == 0
    victim = next(cache.rglob("*.ff1pkl"))
    victim.write_bytes(b"written by Fast-F1 in this data root")
    again = import_caches([full], cache)
    assert (again.pickles_copied, again.responses_added) == (0, 0)
    assert victim.read_bytes() == b"written by Fast-F1 in this data root"  # nothing lost


def test_turning_the_switch_on_later_reloads_without_force(tmp_path: Path) -> None:
    legacy, http = require_shared_cache(LEGACY), require_shared_cache("all")
    args = [
        "-m",
        "ingestion",
        "run",
        "--season",
        "2023",
        "--rounds",
        "1",
        "--sessions",
        "R",
        "--offline",
        "--cache-from",
        str(legacy),
        "--cache-from",
        str(http),
    ]
    first = run_cli(args, tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    assert manifest_rows(tmp_path)[(2023, 1, "R")][1:] == (None, False)
    second = run_cli([*args, "--ignore-cache-version"], tmp_path)
    assert second.returncode == 0, second.stderr[-2000:]
    entry = next(e for e in real_catalog(LEGACY) if catalog_key(e) == (2023, 1, "R"))
    assert manifest_rows(tmp_path)[(2023, 1, "R")][1:] == (entry["laps"], True)
    third = run_cli([*args, "--ignore-cache-version"], tmp_path)
    assert "1 already in the manifest" in third.stdout  # switched on once: done
