"""The HTTP server of `python -m ai serve`: uvicorn with its h11 protocol and the read timeouts
uvicorn lacks.

uvicorn closes idle keep-alive connections (`timeout_keep_alive`) but waits for ever for a request
that has started and not finished: a client that connects and sends nothing, half a request
line or headers without their final blank line holds its connection (and a file descriptor) as
long as it likes. `TimedH11Protocol` watches what the client still owes, from h11's state:

- request headers (h11 IDLE: a new connection, or the next request on a kept-alive one): they
  must be complete within `header_timeout_s`, else the connection is closed (there is no request
  to answer yet). The clock runs from the connection (or the end of the previous response), not
  from the last byte, so trickling does not extend it;
- a request body (h11 SEND_BODY): the app refuses a body that has not arrived within
  COPILOT_BODY_TIMEOUT_S with 408 (ai.http_limits) and closes; this protocol closes the
  connection BODY_GRACE_S later whatever the app did (e.g. a GET with a body nobody reads).

Other caps: `timeout_keep_alive` (COPILOT_KEEP_ALIVE_S), request headers of at most h11's
16 KiB, and the soft limit on open files raised to the hard one so that thousands of connections
do not run the process out of descriptors. uvicorn's `limit_concurrency` is not used: it answers
503 once that many connections are open, half-sent ones included, so it would hand the service
to whoever opens the most sockets; the header timeout bounds how long each one lives instead.
`limit_max_requests` is not used either: it stops the (single) server process.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import sys
from typing import Any

import h11
import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.protocols.http.h11_impl import H11Protocol

from ai.settings import CopilotSettings

log = logging.getLogger(__name__)

BODY_GRACE_S = 5.0  # after the app's own body timeout: its 408 goes first, even on a starved CPU
MAX_OPEN_FILES = 65536


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request is not received in time."""

    header_timeout_s = 10.0
    body_timeout_s = 10.0 + BODY_GRACE_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_timer: asyncio.TimerHandle | None = None
        self._read_phase: object = None  # the h11 state the timer watches

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._watch()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_timer()
        super().connection_lost(exc)

    def _stop_timer(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
        self._read_timer, self._read_phase = None, None

    def _watch(self) -> None:
        """Arm the deadline of what the client owes now (headers or body), keep it while the
        client still owes the same thing, drop it once the request is in."""
        phase = self.conn.their_state
        if phase not in (h11.IDLE, h11.SEND_BODY) or self.transport.is_closing():
            self._stop_timer()
            return
        if phase is self._read_phase:
            return
        self._stop_timer()
        timeout = self.header_timeout_s if phase is h11.IDLE else self.body_timeout_s
        self._read_phase = phase
        self._read_timer = self.loop.call_later(timeout, self._read_timed_out)

    def _read_timed_out(self) -> None:
        owed = "request headers" if self._read_phase is h11.IDLE else "a request body"
        self._read_timer, self._read_phase = None, None
        if self.transport.is_closing():
            return
        log.info("closing a connection from %s: %s not received in time", self.client, owed)
        self.transport.close()


def protocol_class(header_timeout_s: float, body_timeout_s: float) -> type[TimedH11Protocol]:
    """TimedH11Protocol with these timeouts (uvicorn instantiates the class it is given)."""

    class CopilotH11Protocol(TimedH11Protocol):
        pass

    CopilotH11Protocol.header_timeout_s = header_timeout_s
    CopilotH11Protocol.body_timeout_s = body_timeout_s + BODY_GRACE_S
    return CopilotH11Protocol


def server_config(
    app: Any, host: str, port: int, settings: CopilotSettings, **options: Any
) -> uvicorn.Config:
    """uvicorn's configuration of the copilot (`options`: more uvicorn.Config arguments)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol_class(settings.copilot_header_timeout_s, settings.copilot_body_timeout_s),
        timeout_keep_alive=settings.copilot_keep_alive_s,
        **{"log_level": "info", **options},
    )


def raise_open_files_limit() -> int:
    """Raise the soft RLIMIT_NOFILE to the hard one (at most MAX_OPEN_FILES); the new soft."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_OPEN_FILES if hard == resource.RLIM_INFINITY else min(hard, MAX_OPEN_FILES)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return soft
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return wanted


def serve(app: Any, host: str, port: int, settings: CopilotSettings) -> None:
    """Serve `app` until interrupted (SIGINT/SIGTERM stop it gracefully); like uvicorn.run, exit
    with status 3 when the server could not start (e.g. the port is taken)."""
    raise_open_files_limit()
    server = uvicorn.Server(server_config(app, host, port, settings))
    server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)
