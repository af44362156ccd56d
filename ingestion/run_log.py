"""The run's log file: Fast-F1's log records go here, never to the console, counted per session.

Fast-F1 logs a lot while it loads (INFO per API call, WARNINGs for archive gaps, data fixes and
Ergast fallbacks, tracebacks of request errors it catches itself). One run of a whole cache
prints hundreds of such lines, which bury the progress bar and the summary. So, once Fast-F1 is
configured, its loggers (and those of its HTTP stack, Python's `warnings` and the runner's
per-session failures) write only to `<data root>/logs/ingestion/<run>.log`, and every WARNING or
worse is counted for the session being loaded; the summary table and the manifest show the count.
Fast-F1's per-piece "offline, no cached response" warnings are written but not counted: those gaps
are expected and recorded in the manifest as tables with no data.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingestion.selection import SessionKey

QUIET_LOGGERS = ("fastf1", "requests_cache", "urllib3", "py.warnings", "ingestion.runner")
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(session)s] %(message)s"


class _SessionCounter(logging.Handler):
    """Counts WARNING+ records per session and stamps the session on every record."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.current: SessionKey | None = None
        self.counts: dict[SessionKey, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        record.session = str(self.current) if self.current else "-"
        return True

    def emit(self, record: logging.LogRecord) -> None:
        expected = hasattr(record, "offline_cache_miss_url")
        if self.current is not None and record.levelno >= logging.WARNING and not expected:
            self.counts[self.current] = self.counts.get(self.current, 0) + 1


class RunLog:
    """One run's log file under `<logs>/ingestion/`; created on the first record only."""

    def __init__(self, logs_dir: Path) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = logs_dir / "ingestion" / f"{stamp}-{os.getpid()}.log"
        self._counter = _SessionCounter()
        self._file: logging.FileHandler | None = None

    def install(self) -> None:
        """Route the quiet loggers to the file (idempotent); called when Fast-F1 is set up."""
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = logging.FileHandler(self.path, encoding="utf-8", delay=True)
        self._file.setFormatter(logging.Formatter(FORMAT))
        self._file.addFilter(self._counter)  # stamps record.session before formatting
        logging.captureWarnings(True)
        for name in QUIET_LOGGERS:
            logger = logging.getLogger(name)
            for handler in list(logger.handlers):  # e.g. Fast-F1's own stderr handler
                logger.removeHandler(handler)
            logger.addHandler(self._counter)
            logger.addHandler(self._file)
            logger.propagate = False
            if name != "ingestion.runner":
                logger.setLevel(logging.INFO)

    @contextmanager
    def session(self, key: SessionKey) -> Iterator[None]:
        """Attribute the records logged inside the block to `key`."""
        self._counter.current = key
        try:
            yield
        finally:
            self._counter.current = None

    def warnings(self, key: SessionKey) -> int:
        return self._counter.counts.get(key, 0)

    @property
    def written(self) -> bool:
        return self.path.is_file()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
