"""`--cache-from` skips before work: a source file imported before and unchanged since is not
read again (no pickle check, no sqlite merge); a new or changed one is checked and copied."""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from ingestion import cache_import
from ingestion.cache_import import CACHE_FILE, check_sources, import_caches, import_checked
from ingestion.errors import CacheFileError
from ingestion.import_state import read_state, state_path

SESSION = Path("2024/2024-03-02_Bahrain_Grand_Prix/2024-03-02_Race")


def make_source(folder: Path, pickles: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(folder / CACHE_FILE) as con:  # requests-cache's two tables, one row
        con.execute("create table responses (key text primary key, value blob)")
        con.execute("create table redirects (key text primary key, value text)")
        con.execute("insert into responses values ('k1', x'00')")
    (folder / SESSION).mkdir(parents=True)
    for number in range(pickles):
        (folder / SESSION / f"part{number}.ff1pkl").write_bytes(pickle.dumps({"n": number}))
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often a pickle was checked and a sqlite merged (the real work is still done)."""
    calls = {"check_pickle": 0, "merge": 0}
    real_check, real_merge = cache_import.check_pickle, cache_import._merge_database

    def check(path: Path) -> str | None:
        calls["check_pickle"] += 1
        return real_check(path)

    def merge(database: Path, cache_dir: Path) -> int:
        calls["merge"] += 1
        return real_merge(database, cache_dir)

    monkeypatch.setattr(cache_import, "check_pickle", check)
    monkeypatch.setattr(cache_import, "_merge_database", merge)
    return calls


def test_a_second_import_reads_no_pickle(tmp_path: Path, counted: dict[str, int]) -> None:
    source, cache = make_source(tmp_path / "source"), tmp_path / "cache"
    first = import_caches([source], cache)
    assert (first.pickles_copied, first.files_checked) == (3, 4)
    assert counted == {"check_pickle": 3, "merge": 1}
    assert len(read_state(cache)[str(source.resolve())]) == 4  # sqlite + 3 pickles stamped

    again = import_caches([source], cache)
    assert counted == {"check_pickle": 3, "merge": 1}  # nothing read again
    assert (again.files_checked, again.pickles_copied, again.pickles_kept) == (0, 0, 3)


def test_a_changed_or_new_pickle_is_checked_again(tmp_path: Path, counted: dict[str, int]) -> None:
    source, cache = make_source(tmp_path / "source"), tmp_path / "cache"
    import_caches([source], cache)
    changed = source / SESSION / "part1.ff1pkl"
    changed.write_bytes(pickle.dumps({"n": "a longer, newer value"}))
    (source / SESSION / "part9.ff1pkl").write_bytes(pickle.dumps([9]))
    report = import_caches([source], cache)
    assert counted["check_pickle"] == 3 + 2 and counted["merge"] == 1
    assert (report.files_checked, report.pickles_copied) == (2, 1)  # part9 new; part1 kept

    os.utime(changed, ns=(1, 1))  # same size and content, other time: checked again
    import_caches([source], cache)
    assert counted["check_pickle"] == 6


def test_a_damaged_changed_pickle_stops_before_anything_is_written(tmp_path: Path) -> None:
    source, cache = make_source(tmp_path / "source"), tmp_path / "cache"
    import_caches([source], cache)
    recorded = state_path(cache).read_bytes()
    damaged = source / SESSION / "part2.ff1pkl"
    damaged.write_bytes(pickle.dumps({"n": 2})[:-3])
    (source / SESSION / "new.ff1pkl").write_bytes(pickle.dumps(1))
    with pytest.raises(CacheFileError, match=r"part2\.ff1pkl is not"):
        import_checked(check_sources([source], cache), cache)
    assert not (cache / SESSION / "new.ff1pkl").exists()
    assert state_path(cache).read_bytes() == recorded


def test_a_lost_copy_comes_back_and_force_checks_all(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    source, cache = make_source(tmp_path / "source"), tmp_path / "cache"
    import_caches([source], cache)
    (cache / SESSION / "part0.ff1pkl").unlink()
    (cache / CACHE_FILE).unlink()
    report = import_checked(check_sources([source], cache), cache)
    assert (report.files_checked, report.pickles_copied) == (0, 1)  # unchanged: copied, unread
    assert counted["merge"] == 2 and (cache / CACHE_FILE).is_file()
    import_checked(check_sources([source], cache, recheck=True), cache)
    assert counted["check_pickle"] == 3 + 3


def test_an_unreadable_record_means_check_everything(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    source, cache = make_source(tmp_path / "source"), tmp_path / "cache"
    import_caches([source], cache)
    state_path(cache).write_text("{not json")
    assert read_state(cache) == {}
    import_caches([source], cache)
    assert counted["check_pickle"] == 6
