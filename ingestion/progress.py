"""Rich progress display: one overall bar and one bar per session being ingested."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from ingestion.selection import SessionKey


class RunProgress:
    def __init__(self, total: int, console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console or Console(stderr=True),
            transient=False,
        )
        self._overall: TaskID | None = None
        self._total = total
        self._tasks: dict[SessionKey, TaskID] = {}

    def __enter__(self) -> RunProgress:
        self._progress.__enter__()
        self._overall = self._progress.add_task("sessions", total=self._total)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.__exit__(exc_type, exc, tb)

    def start(self, key: SessionKey, steps: int) -> None:
        self._tasks[key] = self._progress.add_task(f"  {key}", total=steps)

    def advance(self, key: SessionKey) -> None:
        if key in self._tasks:
            self._progress.advance(self._tasks[key])

    def done(self, key: SessionKey, status: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None:
            self._progress.update(task, description=f"  {key} {status}", completed=True)
            self._progress.remove_task(task)
        self._advance_overall()

    def skip(self, key: SessionKey) -> None:
        self._advance_overall()

    def _advance_overall(self) -> None:
        if self._overall is not None:
            self._progress.advance(self._overall)
