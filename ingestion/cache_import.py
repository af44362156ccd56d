"""Bring existing Fast-F1 cache folders into the data root (`--cache-from`, repeatable).

A Fast-F1 cache folder holds the HTTP layer (`fastf1_http_cache.sqlite`) and the parsed-data
layer (the `.ff1pkl` tree, see `cache_tree`). Both are copied into the data root's cache; the
source is only read (the sqlite is opened read-only, files are copied, never moved).

Every source is checked completely BEFORE anything is written: a sqlite that is not a Fast-F1
HTTP cache, or a pickle that cannot be read, aborts with one line naming the file
(`CacheFileError`, exit 2) and the data root stays as it was.

Merging never loses what the data root already has: sqlite responses are merged with
`INSERT OR IGNORE`; a pickle that already exists there is kept (Fast-F1 wrote it from the same
data, or an earlier import did), a new one is copied to a temporary name and renamed into place.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ingestion.cache_tree import PickleFile, check_pickle, pickle_files
from ingestion.errors import CacheFileError, SelectionError

logger = logging.getLogger(__name__)

CACHE_FILE = "fastf1_http_cache.sqlite"


@dataclass
class CacheSource:
    """One checked source folder: its sqlite (if any) and its pickle files."""

    folder: Path
    database: Path | None
    pickles: list[PickleFile] = field(default_factory=list)


@dataclass
class ImportReport:
    responses_added: int = 0
    pickles_copied: int = 0
    pickles_kept: int = 0  # already in the data root's cache: left as they were


def check_database(database: Path, what: str = "--cache-from:") -> None:
    """CacheFileError unless `database` is a readable requests-cache SQLite file."""
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
            con.execute("select count(*) from responses").fetchone()
            con.execute("select count(*) from redirects").fetchone()
    except sqlite3.Error as exc:
        raise CacheFileError(
            f"{what} {database} is not a Fast-F1 HTTP cache database ({exc})"
        ) from None


def check_source(source: Path) -> CacheSource:
    """Validate one --cache-from value completely; nothing is written."""
    if source.is_file():  # the sqlite itself
        check_database(source)
        return CacheSource(source.parent, source)
    if not source.is_dir():
        raise SelectionError(f"--cache-from: no Fast-F1 cache at {source} (no such folder)")
    database = source / CACHE_FILE
    pickles = pickle_files(source)
    if not database.exists() and not pickles:
        raise SelectionError(
            f"--cache-from: no Fast-F1 cache at {source} (expected {CACHE_FILE} and/or "
            "<year>/<event>/<session>/*.ff1pkl)"
        )
    if database.exists():
        check_database(database)
    for item in pickles:
        problem = check_pickle(item.path)
        if problem is not None:
            raise CacheFileError(f"--cache-from: {item.path} {problem}")
    return CacheSource(source, database if database.exists() else None, pickles)


def import_caches(sources: list[Path], cache_dir: Path) -> ImportReport:
    """Check every source, then copy/merge each into `cache_dir` in the order given."""
    return import_checked([check_source(source) for source in sources], cache_dir)


def import_checked(checked: list[CacheSource], cache_dir: Path) -> ImportReport:
    """Copy/merge sources already checked by `check_source` into `cache_dir`, in order."""
    report = ImportReport()
    for source in checked:
        if source.database is not None:
            report.responses_added += _merge_database(source.database, cache_dir)
        for item in source.pickles:
            target = cache_dir / item.relative
            if target.resolve() == item.path.resolve() or target.exists():
                report.pickles_kept += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(target.name + ".partial")
            shutil.copyfile(item.path, temp)
            temp.replace(target)
            report.pickles_copied += 1
    logger.info(
        "cache import: %d responses added, %d pickles copied, %d kept",
        report.responses_added,
        report.pickles_copied,
        report.pickles_kept,
    )
    return report


def import_cache(source: Path, cache_dir: Path) -> Path:
    """One source (kept for callers of the single-folder form); returns the cache sqlite."""
    import_caches([source], cache_dir)
    return cache_dir / CACHE_FILE


def _merge_database(database: Path, cache_dir: Path) -> int:
    """Copy the sqlite in, or merge its responses into the one there; returns rows added."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / CACHE_FILE
    if target.resolve() == database.resolve():
        return 0
    if not target.exists():
        temp = target.with_suffix(".sqlite.partial")
        shutil.copyfile(database, temp)
        temp.replace(target)
        logger.info("copied Fast-F1 cache %s -> %s", database, target)
        with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as con:
            count: int = con.execute("select count(*) from responses").fetchone()[0]
        return count
    with sqlite3.connect(target) as con:
        con.execute("attach database ? as incoming", (f"file:{database}?mode=ro",))
        before = con.execute("select count(*) from responses").fetchone()[0]
        con.execute("insert or ignore into responses select * from incoming.responses")
        con.execute("insert or ignore into redirects select * from incoming.redirects")
        added: int = con.execute("select count(*) from responses").fetchone()[0] - before
        con.commit()
        con.execute("detach database incoming")
    logger.info("merged %d new cached responses from %s into %s", added, database, target)
    return added
