"""Which sessions an offline Fast-F1 cache holds, read straight from its SQLite file.

In offline mode Fast-F1 can only serve a session whose live-timing files were cached
(`…/static/<year>/<event date>_<event>/<session date>_<session>/…`) or whose parsed data is in
the cache's `.ff1pkl` tree (same path, see `cache_tree`). Loading every other session
only to learn that it is missing costs about 0.1 s each (and more for weekends whose Ergast data
is cached), so the runner asks this probe first and records such sessions as `unavailable`
without calling Fast-F1 at all.

The cache is requests-cache's SQLite backend: table `responses`, one pickled response per row
(plain data: the PROVENANCE audit of the shared caches found no imported globals). Only the URL
of each response is used. What the sqlite holds (its sessions and key digest) is kept in
`offline-probe.json` beside it with the sqlite's stamp, so an unchanged sqlite is not read again.
"""

from __future__ import annotations

import json
import logging
import pickle
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from f1lake.atomic import write_bytes_atomic
from ingestion.cache_import import CACHE_FILE, check_database
from ingestion.cache_tree import pickle_sessions
from ingestion.import_state import stamp
from ingestion.manifest import cache_fingerprint as http_fingerprint

logger = logging.getLogger(__name__)

DATA_ROOT_CACHE = "the data root's Fast-F1 cache"
PROBE_FILE = "offline-probe.json"
_SESSION_PATH = re.compile(r"/static/\d{4}/(\d{4}-\d{2}-\d{2})_([^/]+)/\d{4}-\d{2}-\d{2}_([^/]+)/")


@dataclass(frozen=True)
class CachedSessionName:
    """A session as named in Fast-F1's live-timing path (spaces as underscores)."""

    event_date: str  # YYYY-MM-DD of the event (its last day), as in the path
    event_name: str  # e.g. Azerbaijan_Grand_Prix
    session_name: str  # e.g. Sprint_Shootout

    @classmethod
    def of(cls, event_date: str, event_name: str, session_name: str) -> CachedSessionName:
        return cls(event_date, event_name.replace(" ", "_"), session_name.replace(" ", "_"))


def _url_of(value: bytes) -> str | None:
    try:
        response: Any = pickle.loads(value)  # noqa: S301 - the project's own Fast-F1 cache
    except Exception:  # an entry we cannot decode is simply not counted
        return None
    url = response.get("url") if isinstance(response, dict) else getattr(response, "url", None)
    return url if isinstance(url, str) else None


def cached_sessions(cache_dir: Path) -> frozenset[CachedSessionName]:
    """Every session with a live-timing response in the sqlite or a pickle in the tree."""
    found: set[CachedSessionName] = {
        CachedSessionName(*parts) for parts in pickle_sessions(cache_dir)
    }
    in_tree = len(found)
    probe = _http_probe(cache_dir)
    if probe is not None:
        found.update(CachedSessionName(*parts) for parts in probe["sessions"])
    logger.debug("offline cache holds %d sessions (%d in the pickle tree)", len(found), in_tree)
    return frozenset(found)


def cache_fingerprint(cache_dir: Path) -> str | None:
    """The HTTP cache's key digest (manifest.cache_fingerprint), after checking the database.

    The pickle tree is left out on purpose: Fast-F1 writes pickles into the cache as it parses
    HTTP responses, so the tree changes with every load, not only when new data arrives."""
    probe = _http_probe(cache_dir)
    return None if probe is None else str(probe["fingerprint"])


def _http_probe(cache_dir: Path) -> dict[str, Any] | None:
    """The sqlite's sessions and key digest: from PROBE_FILE while the sqlite's stamp (and its
    write-ahead log's) is the one recorded there, else read from the checked sqlite."""
    database = cache_dir / CACHE_FILE
    if not database.is_file():
        return None
    stamps = [stamp(database), stamp(database.with_name(database.name + "-wal"))]
    record = cache_dir / PROBE_FILE
    try:
        known: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
        if known["stamps"] == json.loads(json.dumps(stamps)):
            return known
    except (OSError, ValueError, KeyError, TypeError):
        pass
    check_database(database, DATA_ROOT_CACHE)  # one line naming the file, no traceback
    sessions: set[tuple[str, str, str]] = set()
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
        for (value,) in con.execute("select value from responses"):
            url = _url_of(value)
            match = _SESSION_PATH.search(unquote(url)) if url else None  # São Paulo: %C3%A3
            if match:
                sessions.add((match[1], match[2], match[3]))
    probe = {
        "stamps": stamps,
        "sessions": sorted(sessions),
        "fingerprint": http_fingerprint(cache_dir),
    }
    try:
        write_bytes_atomic(record, json.dumps(probe).encode())
    except OSError:  # a read-only cache is probed again next time
        logger.debug("could not record the offline probe in %s", record, exc_info=True)
    return probe
