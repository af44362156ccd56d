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

Skip before work: each source file's stamp (size, mtime, inode) is recorded once it has been
imported (`import_state`). On the next run a file with the same stamp is not read at all (no
pickle check, no sqlite merge), so re-running over the same source costs a directory listing;
a new or changed file is checked and copied as above. `--force` checks everything again.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from f1lake.atomic import copy_file_atomic
from ingestion.cache_tree import PickleFile, check_pickle, pickle_files
from ingestion.errors import CacheFileError, SelectionError
from ingestion.import_state import Stamps, read_state, source_key, stamp, write_state

logger = logging.getLogger(__name__)

CACHE_FILE = "fastf1_http_cache.sqlite"


@dataclass
class CacheSource:
    """One checked source folder: its sqlite (if any), its pickle files and their stamps."""

    folder: Path
    database: Path | None
    pickles: list[PickleFile] = field(default_factory=list)
    key: str = ""  # the --cache-from value, resolved: where its stamps are recorded
    stamps: Stamps = field(default_factory=dict)  # every file of the source, as found now
    unchanged: frozenset[str] = frozenset()  # files imported before with the same stamp


@dataclass
class ImportReport:
    responses_added: int = 0
    pickles_copied: int = 0
    pickles_kept: int = 0  # already in the data root's cache: left as they were
    files_checked: int = 0  # new or changed source files read and checked this run


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


def check_sources(
    sources: list[Path], cache_dir: Path, *, recheck: bool = False
) -> list[CacheSource]:
    """Validate every --cache-from value; files imported before and unchanged are not read."""
    state = {} if recheck else read_state(cache_dir)
    return [check_source(source, state.get(source_key(source), {})) for source in sources]


def check_source(source: Path, known: Stamps | None = None) -> CacheSource:
    """Validate one --cache-from value: every file not in `known` with its stamp is checked
    completely; nothing is written."""
    known = known or {}
    if source.is_file():  # the sqlite itself
        return _checked(source, source.parent, source, [], known)
    if not source.is_dir():
        raise SelectionError(f"--cache-from: no Fast-F1 cache at {source} (no such folder)")
    database = source / CACHE_FILE
    pickles = pickle_files(source)
    if not database.exists() and not pickles:
        raise SelectionError(
            f"--cache-from: no Fast-F1 cache at {source} (expected {CACHE_FILE} and/or "
            "<year>/<event>/<session>/*.ff1pkl)"
        )
    return _checked(source, source, database if database.exists() else None, pickles, known)


def _checked(
    source: Path, folder: Path, database: Path | None, pickles: list[PickleFile], known: Stamps
) -> CacheSource:
    stamps: Stamps = {}
    unchanged: set[str] = set()
    files = [(str(item.relative), item.path) for item in pickles]
    if database is not None:
        files.insert(0, (database.name, database))
    for name, path in files:
        found = stamp(path)
        if found is not None:
            stamps[name] = found
            if known.get(name) == found:
                unchanged.add(name)
                continue
        if path == database:
            check_database(path)
            continue
        problem = check_pickle(path)
        if problem is not None:
            raise CacheFileError(f"--cache-from: {path} {problem}")
    key = source_key(source)
    return CacheSource(folder, database, pickles, key, stamps, frozenset(unchanged))


def import_caches(sources: list[Path], cache_dir: Path) -> ImportReport:
    """Check every source, then copy/merge each into `cache_dir` in the order given."""
    return import_checked(check_sources(sources, cache_dir), cache_dir)


def import_checked(checked: list[CacheSource], cache_dir: Path) -> ImportReport:
    """Copy/merge sources already checked by `check_source` into `cache_dir`, in order; then
    record their stamps. An unchanged file is only copied again if its copy has gone."""
    report = ImportReport()
    for source in checked:
        report.files_checked += len(source.stamps) - len(source.unchanged)
        database = source.database
        if database is not None and (
            database.name not in source.unchanged or not (cache_dir / CACHE_FILE).exists()
        ):
            report.responses_added += _merge_database(database, cache_dir)
        for item in source.pickles:
            target = cache_dir / item.relative
            if target.resolve() == item.path.resolve() or target.exists():
                report.pickles_kept += 1
                continue
            copy_file_atomic(item.path, target)
            report.pickles_copied += 1
    if checked:
        state = read_state(cache_dir)
        state.update({source.key: source.stamps for source in checked})
        write_state(cache_dir, state)
    logger.debug(
        "cache import: %d files checked, %d responses added, %d pickles copied, %d kept",
        report.files_checked,
        report.responses_added,
        report.pickles_copied,
        report.pickles_kept,
    )
    return report


def _merge_database(database: Path, cache_dir: Path) -> int:
    """Copy the sqlite in, or merge its responses into the one there; returns rows added."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / CACHE_FILE
    if target.resolve() == database.resolve():
        return 0
    if not target.exists():
        copy_file_atomic(database, target)
        logger.debug("copied Fast-F1 cache %s -> %s", database, target)
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
    logger.debug("merged %d new cached responses from %s into %s", added, database, target)
    return added
