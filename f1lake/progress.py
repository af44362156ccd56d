"""How a long step shows progress: a bar on a terminal, else a plain line now and then.

Off a terminal (a pipe, a log file, CI) a line every few seconds would bury everything else and
none at all looks like a hang, so `LinePacer` allows a line once the step has gone on for
FIRST_LINE_AFTER seconds since the last one, and later once a fifth of the elapsed time has
passed: a 7-minute step prints about 20 lines, a step shorter than 10 s none.
"""

from __future__ import annotations

import time

FIRST_LINE_AFTER = 10.0  # seconds: a step shorter than this prints no progress line
LINE_SHARE = 0.2  # later lines: once a fifth of the elapsed time has passed since the last


class LinePacer:
    """Says when the next plain progress line is due (and how long the step has run)."""

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self._started = self._last = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def due(self) -> float | None:
        """Seconds since the start when a line is due now (the pacer counts it), else None."""
        now = time.monotonic()
        elapsed, quiet = now - self._started, now - self._last
        if elapsed >= FIRST_LINE_AFTER and quiet >= max(FIRST_LINE_AFTER, LINE_SHARE * elapsed):
            self._last = now
            return elapsed
        return None
