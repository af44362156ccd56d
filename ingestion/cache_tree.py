"""Fast-F1's parsed-data layer: the `.ff1pkl` pickle tree beside the HTTP sqlite.

Fast-F1 keeps, next to `fastf1_http_cache.sqlite`, one pickle per parsed API response at
`<year>/<event date>_<event>/<session date>_<session>/<name>.ff1pkl` (the live-timing path without
its `/static/` prefix). A user's cache folder can hold sessions ONLY in this tree (their raw HTTP
responses were never kept, e.g. a race's 20 MB TimingData), so the import and the offline
availability probe read it.

Nothing here unpickles: a file is checked by walking its opcodes (`pickletools.genops`), which
finds a truncated or non-pickle file without running any of its code.
"""

from __future__ import annotations

import pickletools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

PICKLE_SUFFIX = ".ff1pkl"
_YEAR = re.compile(r"\d{4}")
_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})_(.+)")


@dataclass(frozen=True)
class PickleFile:
    """One `.ff1pkl` file of a cache folder, by its path relative to the folder."""

    root: Path
    relative: Path

    @property
    def path(self) -> Path:
        return self.root / self.relative

    @property
    def session_parts(self) -> tuple[str, str, str] | None:
        """(event date, event name, session name) of `<year>/<date>_<event>/<date>_<session>/`."""
        parts = self.relative.parts
        if len(parts) != 4 or not _YEAR.fullmatch(parts[0]):
            return None
        event, session = _DATED.fullmatch(unquote(parts[1])), _DATED.fullmatch(unquote(parts[2]))
        if event is None or session is None:
            return None
        return event.group(1), event.group(2), session.group(2)


def pickle_files(cache_dir: Path) -> list[PickleFile]:
    """Every `.ff1pkl` of Fast-F1's tree in `cache_dir` (year folders only), sorted."""
    if not cache_dir.is_dir():
        return []
    found = [
        PickleFile(cache_dir, path.relative_to(cache_dir))
        for year in sorted(cache_dir.iterdir())
        if year.is_dir() and _YEAR.fullmatch(year.name)
        for path in sorted(year.rglob("*" + PICKLE_SUFFIX))
        if path.is_file()
    ]
    return found


def pickle_sessions(cache_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(event date, event name, session name) of every session folder holding a pickle."""
    for item in pickle_files(cache_dir):
        parts = item.session_parts
        if parts is not None:
            yield parts


def check_pickle(path: Path) -> str | None:
    """Why `path` is not a readable, complete pickle (None when it is). Never unpickles."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    try:
        last = None
        for opcode, _, _ in pickletools.genops(data):
            last = opcode.name
    except Exception as exc:  # genops raises ValueError and friends on damaged input
        return f"is not a valid pickle ({exc})"
    if last != "STOP":
        return "is not a complete pickle"
    return None
