"""What `--cache-from` already brought in: each source file's stamp, kept beside the cache.

A stamp is a file's (size, mtime_ns, inode). A source file whose stamp equals the one recorded
when it was last checked and copied is neither read nor checked again, so a re-run over the same
source reads no pickle and merges no sqlite. A new or changed file (other size, time or inode) is
checked and copied as on the first run. The record is a small JSON file in the target cache
folder, written atomically after an import succeeded; a missing or unreadable record means
"nothing known": everything is checked again.
"""

from __future__ import annotations

import json
from pathlib import Path

from f1lake.atomic import write_bytes_atomic

STATE_FILE = "cache-from-stamps.json"
Stamp = tuple[int, int, int]
Stamps = dict[str, Stamp]  # file path relative to its source folder -> stamp


def stamp(path: Path) -> Stamp | None:
    """The file's (size, mtime_ns, inode); None when it cannot be stat-ed."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def state_path(cache_dir: Path) -> Path:
    return cache_dir / STATE_FILE


def source_key(folder: Path) -> str:
    return str(folder.expanduser().resolve())


def read_state(cache_dir: Path) -> dict[str, Stamps]:
    """Source folder -> its files' stamps as last imported; {} when there is no usable record."""
    try:
        raw = json.loads(state_path(cache_dir).read_text(encoding="utf-8"))
        return {
            folder: {name: (int(a), int(b), int(c)) for name, (a, b, c) in files.items()}
            for folder, files in raw.items()
        }
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def write_state(cache_dir: Path, state: dict[str, Stamps]) -> None:
    """Replace the record atomically and durably."""
    write_bytes_atomic(state_path(cache_dir), json.dumps(state, sort_keys=True).encode())
