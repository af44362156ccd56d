"""Audit log: one JSON line per question (question, SQL, outcome, source, timings)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class AuditLog:
    """Appends one JSON object per line to a file under the data root's logs/."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, **entry: Any) -> None:
        line = json.dumps(
            {"at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"), **entry},
            default=str,
            ensure_ascii=False,
        )
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
        except OSError as error:
            log.warning("audit log %s not writable: %s", self.path, error)
