"""Crash-safe file replacement, the one implementation every writer uses: a temporary name,
fsync of the file, an atomic rename over the final name, fsync of the folder.

A reader (or a run after a crash) sees the old content or the new, never a part of it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(path: Path, staging: Path | None = None) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces `path` atomically and durably when the block
    ends without an exception (else `path` is untouched and the temporary file removed).

    `staging`: where the temporary file is written (same file system, outside a published
    tree); by default a hidden name beside `path`. Missing folders are created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if staging is None:
        temp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    else:
        staging.mkdir(parents=True, exist_ok=True)
        temp = staging / f"{os.getpid()}-{uuid.uuid4().hex}.{path.name}.partial"
    try:
        with temp.open("wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably (its folder is created if missing)."""
    with atomic_file(path) as handle:
        handle.write(data)


def copy_file_atomic(source: Path, target: Path) -> None:
    """Copy `source` over `target` atomically and durably."""
    with atomic_file(target) as handle, source.open("rb") as original:
        shutil.copyfileobj(original, handle)


def fsync_path(path: Path | str) -> None:
    """Flush a file's data, or make a rename or unlink in a folder durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
