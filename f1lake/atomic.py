"""Crash-safe file replacement, the one implementation every writer uses: a temporary name,
fsync of the file, an atomic rename over the final name, fsync of the folder.

A reader (or a run after a crash) sees the old content or the new, never a part of it.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
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


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """libc's syncfs(2) (Linux), else None."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function: Callable[[int], int] = libc.syncfs
    except (OSError, AttributeError):
        return None
    return function


def sync_tree(folder: Path) -> None:
    """Make every file and folder under `folder` (written by this process) durable.

    On Linux, one syncfs(2) of the folder's file system: each fsync also flushes the disk's
    cache (about 3 ms on a virtual disk), and a published lake version holds thousands of
    season folders and files. Elsewhere (or if syncfs fails), an fsync of each file and folder.
    """
    syncfs = _syncfs()
    if syncfs is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            fsync_path(Path(dirpath) / name)
        fsync_path(dirpath)
