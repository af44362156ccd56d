"""Progress of an ingestion run, on stderr, as a person reads it.

On a terminal: rich bars (one overall, one per session being loaded). Anywhere else (a pipe, a
log file, CI): plain lines without ANSI codes, paced by `f1lake.progress.LinePacer` (none for a
run under 10 s, about 20 for a 7-minute one), each saying how far the run is and which session
was loaded last. A quick run prints none: the command's summary line says it all.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from f1lake.progress import LinePacer
from ingestion.selection import SessionKey


class RunProgress:
    def __init__(self, total: int, console: Console | None = None, unit: str = "sessions") -> None:
        self._console = console or Console(stderr=True)
        self._live = self._console.is_terminal
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self._console,
            transient=False,
        )
        self._overall: TaskID | None = None
        self._total = total
        self._unit = unit
        self._tasks: dict[SessionKey, TaskID] = {}
        self._finished = self._loaded = self._failed = 0
        self._last = ""  # the session loaded last, with its status
        self._pacer = LinePacer()

    def __enter__(self) -> RunProgress:
        self._pacer.start()
        if self._live:
            self._progress.__enter__()
            self._overall = self._progress.add_task(self._unit, total=self._total)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live:
            self._progress.__exit__(exc_type, exc, tb)

    def start(self, key: SessionKey, steps: int) -> None:
        if self._live:
            self._tasks[key] = self._progress.add_task(f"  {key}", total=steps)

    def advance(self, key: SessionKey) -> None:
        if key in self._tasks:
            self._progress.advance(self._tasks[key])

    def done(self, key: SessionKey, status: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None:
            self._progress.remove_task(task)
        self._loaded += 1
        self._failed += status == "failed"
        self._last = f"; last {key} {status}"
        self._advance_overall()

    def skip(self, key: SessionKey) -> None:
        self._advance_overall()

    def _advance_overall(self) -> None:
        self._finished += 1
        if self._overall is not None:
            self._progress.advance(self._overall)
        if self._live:
            return
        elapsed = self._pacer.due()
        if elapsed is not None:
            failed = f", {self._failed} failed" if self._failed else ""
            self._console.print(
                f"progress: {self._finished}/{self._total} {self._unit} ({self._loaded} loaded"
                f"{failed}{self._last}), {elapsed:.0f} s",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
