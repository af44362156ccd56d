"""The language model's health as GET /health reports it: cached, and never waited on for long.

`model.health()` is an HTTP call to Ollama (a 2 s client timeout). A probe's answer is kept for
`ttl_s` seconds; past that, one probe runs in a thread on the health lane (ai.concurrency) and a
request waits for it at most `wait_s`. A probe that has not answered by then is reported as
"no answer (slow or hanging)", not ok, while it keeps running; its answer, when it comes, is
cached for the next request. So a hanging Ollama costs /health `wait_s`, never its timeout.
"""

from __future__ import annotations

import logging
import threading
import time

import anyio
import anyio.to_thread

from ai.llm import ModelHealth, SqlModel

log = logging.getLogger(__name__)

POLL_S = 0.01


class ModelHealthCache:
    def __init__(self, model: SqlModel, ttl_s: float, wait_s: float) -> None:
        self.model, self.ttl_s, self.wait_s = model, ttl_s, wait_s
        self._lock = threading.Lock()
        self._value: ModelHealth | None = None
        self._at = float("-inf")  # time.monotonic() of the value
        self._probing_since: float | None = None

    def _probe(self) -> None:
        try:
            value = self.model.health()
        except Exception as error:  # a health check never fails the endpoint
            log.warning("model health check failed: %r", error)
            value = ModelHealth(False, False, f"health check failed ({type(error).__name__})")
        with self._lock:
            self._value, self._at, self._probing_since = value, time.monotonic(), None

    def _answered_since(self, start: float) -> ModelHealth | None:
        with self._lock:
            return self._value if self._value is not None and self._at >= start else None

    async def current(self, limiter: anyio.CapacityLimiter) -> ModelHealth:
        """The cached health, or a fresh probe's if it answers within `wait_s`."""
        start = time.monotonic()
        with self._lock:
            if self._value is not None and start - self._at < self.ttl_s:
                return self._value
            launch = self._probing_since is None
            if launch:
                self._probing_since = start
        if launch:  # abandoned (still running, result cached) when the wait is over
            with anyio.move_on_after(self.wait_s):
                await anyio.to_thread.run_sync(self._probe, abandon_on_cancel=True, limiter=limiter)
        else:
            while self._answered_since(start) is None and time.monotonic() - start < self.wait_s:
                await anyio.sleep(POLL_S)
        answered = self._answered_since(start)
        if answered is not None:
            return answered
        with self._lock:
            since = self._probing_since
        detail = f"no answer from the model within {self.wait_s:g} s (slow or hanging)"
        if since is not None:
            detail += f"; its check has run for {time.monotonic() - since:.1f} s"
        return ModelHealth(False, False, detail)
