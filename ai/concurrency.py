"""Bounded lanes for the blocking work of the API, each with its own thread capacity.

Blocking work (a question, a prediction, a health check) runs in anyio worker threads, each kind
on its own `anyio.CapacityLimiter`, never on the default thread limiter the framework shares:
50 slow questions cannot take the thread slots /health needs. A `JobGate` also bounds how many
jobs may wait for a slot: past `running + queued` admitted jobs, a new one fails at once with
`BusyError` (HTTP 503 `busy` with a Retry-After header, ai.errors) instead of queueing for ever.

Limiters and counters live per event loop (an anyio RunVar): the service runs one loop (uvicorn),
so the bounds are the process's; a TestClient that opens a loop per request gets its own.
Exceptions raised by the job reach the caller unchanged (the API's exception handlers see them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar

T = TypeVar("T")
RETRY_AFTER_S = 2  # what a refused client is told to wait (Retry-After), about one query


class BusyError(RuntimeError):
    """Too many jobs of one kind running and waiting: answered 503 `busy` with Retry-After."""

    def __init__(self, kind: str, admitted: int) -> None:
        super().__init__(
            f"the copilot is busy: {admitted} {kind} jobs are running or waiting; "
            f"retry in {RETRY_AFTER_S} s"
        )
        self.kind = kind
        self.retry_after_s = RETRY_AFTER_S


@dataclass
class _LoopState:
    limiter: anyio.CapacityLimiter
    admitted: int = 0


class JobGate:
    """At most `running` jobs of one kind in threads at a time and at most `queued` more waiting
    for a slot (`queued=None`: no bound, for cheap jobs such as health checks)."""

    def __init__(self, kind: str, running: int, queued: int | None) -> None:
        self.kind, self.running, self.queued = kind, running, queued
        self._state: RunVar[_LoopState] = RunVar(f"job-gate-{kind}-{id(self)}")

    def _current(self) -> _LoopState:
        try:
            return self._state.get()
        except LookupError:
            state = _LoopState(anyio.CapacityLimiter(self.running))
            self._state.set(state)
            return state

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        """This loop's limiter (for `anyio.to_thread.run_sync(..., limiter=...)`)."""
        return self._current().limiter

    def admitted(self) -> int:
        """Jobs of this loop running or waiting for a slot."""
        return self._current().admitted

    async def run(self, job: Callable[[], T]) -> T:
        """Run `job()` in a worker thread on this gate's limiter; BusyError when full."""
        state = self._current()
        if self.queued is not None and state.admitted >= self.running + self.queued:
            raise BusyError(self.kind, state.admitted)
        state.admitted += 1
        try:
            return await anyio.to_thread.run_sync(job, limiter=state.limiter)
        finally:
            state.admitted -= 1


@dataclass(frozen=True)
class Gates:
    """The gates of one app (ai.main.create_app builds them from the settings)."""

    ask: JobGate
    predict: JobGate
    health: JobGate
