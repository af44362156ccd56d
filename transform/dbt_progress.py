"""dbt's progress as a person reads it: finished nodes counted from dbt's event callback.

On a terminal one rich bar (`dbt build ━━━━ 120/212`), cleared when dbt is done; elsewhere a
plain line now and then (`f1lake.progress.LinePacer`): `dbt build: 120/212 nodes, 31 s`.
dbt runs nodes on several threads, so the counts are kept under a lock.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from f1lake.progress import LinePacer

FAILED = frozenset({"error", "fail", "runtime error"})


class DbtProgress:
    def __init__(self, label: str, *, shown: bool = True, console: Console | None = None) -> None:
        self.label = label
        self.finished = self.failed = 0
        self.total: int | None = None
        self._console = console or Console(stderr=True)
        self._shown = shown
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self._console,
            transient=True,
        )
        self._task: TaskID | None = None
        self._pacer = LinePacer()
        self._lock = threading.Lock()

    @property
    def _live(self) -> bool:
        return self._shown and self._console.is_terminal

    def __enter__(self) -> DbtProgress:
        self._pacer.start()
        if self._live:
            self._bar.__enter__()
            self._task = self._bar.add_task(self.label, total=None)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live:
            self._bar.__exit__(exc_type, exc, tb)

    def on_event(self, message: Any) -> None:
        """dbt's callback: every event it fires, whatever the console's log level."""
        name = message.info.name
        if name == "LogStartLine" and self.total is None:
            with self._lock:
                self.total = int(message.data.total)
            if self._task is not None:
                self._bar.update(self._task, total=self.total)
        elif name == "NodeFinished":
            with self._lock:
                self.finished += 1
                self.failed += str(message.data.node_info.node_status) in FAILED
            self._show()

    def _show(self) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self.finished)
            return
        if not self._shown:
            return
        elapsed = self._pacer.due()
        if elapsed is not None:
            total = "" if self.total is None else f"/{self.total}"
            failed = f" ({self.failed} failed)" if self.failed else ""
            self._console.print(
                f"{self.label}: {self.finished}{total} nodes{failed}, {elapsed:.0f} s",
                markup=False,
                highlight=False,
            )
