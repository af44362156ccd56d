"""Bring an existing Fast-F1 HTTP cache into the data root (`--cache-from`)."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

from ingestion.errors import SelectionError

logger = logging.getLogger(__name__)

CACHE_FILE = "fastf1_http_cache.sqlite"


def import_cache(source: Path, cache_dir: Path) -> Path:
    """Copy a cache (a folder holding the sqlite, or the sqlite itself) into `cache_dir`.

    An existing cache is never overwritten: the source's responses are merged into it
    (`INSERT OR IGNORE`), so nothing already cached is lost. The source is only read.
    """
    database = source / CACHE_FILE if source.is_dir() else source
    if not database.is_file():
        raise SelectionError(f"--cache-from: no Fast-F1 cache at {source} (expected {CACHE_FILE})")
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / CACHE_FILE
    if target.resolve() == database.resolve():
        return target
    if not target.exists():
        temp = target.with_suffix(".sqlite.partial")
        shutil.copyfile(database, temp)
        temp.replace(target)
        logger.info("copied Fast-F1 cache %s -> %s", database, target)
        return target
    with sqlite3.connect(target) as con:
        con.execute("attach database ? as incoming", (f"file:{database}?mode=ro",))
        before = con.execute("select count(*) from responses").fetchone()[0]
        con.execute("insert or ignore into responses select * from incoming.responses")
        con.execute("insert or ignore into redirects select * from incoming.redirects")
        added = con.execute("select count(*) from responses").fetchone()[0] - before
        con.commit()
        con.execute("detach database incoming")
    logger.info("merged %d new cached responses from %s into %s", added, database, target)
    return target
