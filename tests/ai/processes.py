"""What the copilot's process tests read about the processes they start: a free loopback port,
a /proc/<pid>/status field in bytes, a process's children, and a peak-RSS sampler."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def status_bytes(pid: int, field: str = "VmRSS") -> int:
    """A kB field of /proc/<pid>/status (VmRSS, VmHWM) in bytes; 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(p) for p in task.read_text().split()]
        except OSError:
            continue
    return found


class Sampler(threading.Thread):
    """Peak RSS of a process plus its children (the sandbox workers), every `interval_s`."""

    def __init__(self, pid: int, interval_s: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval_s, self.peak, self.stop = pid, interval_s, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total = status_bytes(self.pid) + sum(status_bytes(c) for c in children(self.pid))
            self.peak = max(self.peak, total)
            time.sleep(self.interval_s)
