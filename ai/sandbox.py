"""Runs validated SQL in a small pool of worker PROCESSES that the service can always stop.

Each worker (ai.sandbox_worker) caps its own address space (RLIMIT_AS) and opens the warehouse
through f1lake.warehouse.open_sandbox: an in-memory DuckDB with the served file attached
read-only, external access off, the configuration locked, a memory limit and a thread cap. The
worker interrupts a query at the timeout; if it has not answered shortly after, the API process
kills it (SIGKILL) and starts a replacement, so neither a runaway query nor a function that
ignores DuckDB's limits can stall or bloat the API. Rows come back already cut to a byte budget.
Workers are fresh interpreters (`python -m ai.sandbox_worker`), started on the first query.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ai.failures import WarehouseUnreadableError
from ai.sandbox_job import Job, JsonValue, Outcome
from ai.sandbox_worker import READY
from ai.validation import SqlRejectedError
from f1lake.warehouse import WarehouseMissingError, warehouse_identity

log = logging.getLogger(__name__)

KILL_GRACE_S = 2.0  # after the timeout, how long a worker may take (its checks included) to answer
# before it is killed
STARTUP_S = 60.0  # how long a fresh worker may take to start
OPEN_S = 10.0  # how long a worker may take to open a new warehouse version, beyond the timeout
QUEUE_WAIT_S = 30.0  # how long a query waits for a free worker (each holds one for <= timeout)
__all__ = ["JsonValue", "QueryResult", "Sandbox"]


class QueryTimeoutError(RuntimeError):
    """The query ran longer than the timeout and was interrupted (or its worker killed)."""


class QueryFailedError(RuntimeError):
    """DuckDB refused or failed the query (binder error, ...); one-line message."""


class QueryLimitError(RuntimeError):
    """The query hit the sandbox's memory limit (or its worker's address-space cap)."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[list[JsonValue]]
    elapsed_ms: float
    truncated: bool = False
    values_truncated: int = 0
    sql: str = ""  # what ran: ai.validation's rendering (empty when the job was not validated)
    limit: int = 0
    tables: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    validate_ms: float = 0.0


PACKAGE_ROOT = Path(__file__).resolve().parents[1]


class Worker:
    """One worker: `python -m ai.sandbox_worker` (a fresh interpreter, nothing inherited but
    one socket), spoken to with multiprocessing's Connection (pickled Job/Outcome)."""

    def __init__(self, address_space_bytes: int) -> None:
        ours, theirs = socket.socketpair()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ai.sandbox_worker",
                str(theirs.fileno()),
                str(address_space_bytes),
            ],
            pass_fds=(theirs.fileno(),),
            env=env,
            stdin=subprocess.DEVNULL,
            close_fds=True,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.ready = False
        self.opened: tuple[int, int, int] | None = None  # the warehouse version it has open

    def wait_ready(self) -> bool:
        """A fresh worker's start-up (interpreter, DuckDB import) is not the query's time."""
        if not self.ready:
            self.ready = self.conn.poll(STARTUP_S) and self.conn.recv() == READY
        return self.ready

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, job: Job, wait_s: float) -> Outcome | None:
        """The worker's outcome, or None when it did not answer in time (or died)."""
        try:
            if not self.wait_ready():
                return None
            self.conn.send(job)
            # opening a warehouse version (attach, read what it serves) is not the query's time
            opening = OPEN_S if job.key != self.opened else 0.0
            if not self.conn.poll(wait_s + opening):
                return None
            self.opened = job.key
            outcome: Outcome = self.conn.recv()
            return outcome
        except (EOFError, OSError):
            return None

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait(timeout=10)
        self.conn.close()


def kill_all(workers: list[Worker]) -> None:
    for worker in list(workers):
        worker.kill()


class Sandbox:
    """How queries run: which warehouse, how long, how much memory, how many threads and
    workers, how many bytes an answer may take."""

    def __init__(
        self,
        warehouse: Path,
        timeout_s: float = 5.0,
        memory_limit: str = "512MB",
        threads: int = 2,
        workers: int = 2,
        worker_memory_mb: int = 1536,
        max_bytes: int = 2_000_000,
        max_value_chars: int = 2000,
        spill_dir: Path | None = None,
        spill_max: str = "1GB",
    ) -> None:
        self.warehouse = warehouse
        self.timeout_s = timeout_s
        self.memory_limit = memory_limit
        self.threads = threads
        self.size = workers
        self.address_space = worker_memory_mb * 1024 * 1024
        self.max_bytes = max_bytes
        self.max_value_chars = max_value_chars
        self.spill_dir = spill_dir
        self.spill_max = spill_max
        self._lock = threading.Lock()
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: list[Worker] = []
        self.kills = 0
        weakref.finalize(self, kill_all, self._all)  # an app dropped without shutdown

    @property
    def timeout_message(self) -> str:
        return f"query stopped after the {self.timeout_s:g} s timeout"

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._all]

    def _start(self) -> None:
        """Start the pool on first use (tests build many apps that never run a query)."""
        with self._lock:
            if self._all:
                return
            for _ in range(self.size):
                worker = Worker(self.address_space)
                self._all.append(worker)
                self._idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        fresh = Worker(self.address_space)
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            self._all.append(fresh)
            self.kills += 1
        self._idle.put(fresh)

    def close(self) -> None:
        """Stop every worker (the next query starts a new pool)."""
        with self._lock:
            workers = list(self._all)
            self._all.clear()
            self._idle = queue.Queue()
        kill_all(workers)

    def job(self, sql: str, max_rows: int | None) -> Job:
        return Job(
            warehouse=str(self.warehouse),
            key=warehouse_identity(self.warehouse),
            sql=sql,
            timeout_s=self.timeout_s,
            memory_limit=self.memory_limit,
            threads=self.threads,
            max_bytes=self.max_bytes,
            max_value_chars=self.max_value_chars,
            max_rows=max_rows,
            spill_dir=str(self.spill_dir) if self.spill_dir else None,
            spill_max=self.spill_max,
        )

    def run(self, sql: str, max_rows: int | None = None) -> QueryResult:
        """Check and run `sql` in a worker. With `max_rows`, ai.validation checks it first (and
        adds or clamps its LIMIT); DuckDB's own checks (ai.sandbox_guard) always run."""
        job = self.job(sql, max_rows)
        self._start()
        wait_s = self.timeout_s + KILL_GRACE_S
        try:
            worker = self._idle.get(timeout=QUEUE_WAIT_S)
        except queue.Empty as busy:
            raise QueryTimeoutError(
                f"every sandbox worker stayed busy for {QUEUE_WAIT_S:g} s"
            ) from busy
        outcome = worker.ask(job, wait_s)
        if outcome is None and not worker.ready:
            self._replace(worker)
            raise RuntimeError(f"a sandbox worker did not start within {STARTUP_S:g} s")
        if outcome is None:
            alive = worker.alive()
            log.warning("sandbox worker %s %s: replaced", worker.pid, "hung" if alive else "died")
            self._replace(worker)
            if alive:
                raise QueryTimeoutError(f"{self.timeout_message} (worker killed)")
            raise QueryLimitError("stopped by the memory limit (the query's worker was killed)")
        if outcome.restart:  # invalidated database or memory cap: never reused
            log.warning("sandbox worker %s asked to be replaced: %s", worker.pid, outcome.message)
            self._replace(worker)
        else:
            with self._lock:
                if worker in self._all:  # not closed meanwhile
                    self._idle.put(worker)
        return self.result(outcome)

    def result(self, outcome: Outcome) -> QueryResult:
        errors: dict[str, Any] = {
            "timeout": QueryTimeoutError(outcome.message or self.timeout_message),
            "limit": QueryLimitError(f"stopped by the memory limit: {outcome.message}"),
            "failed": QueryFailedError(outcome.message),
            "rejected": SqlRejectedError(outcome.message),
            "warehouse_missing": WarehouseMissingError(self.warehouse),
            "warehouse_unreadable": WarehouseUnreadableError(self.warehouse, outcome.message),
        }
        if outcome.error:
            raise errors[outcome.error]
        return QueryResult(
            columns=outcome.columns,
            types=outcome.types,
            rows=outcome.rows,
            elapsed_ms=outcome.elapsed_ms,
            truncated=outcome.truncated,
            values_truncated=outcome.values_truncated,
            sql=outcome.sql,
            limit=outcome.limit,
            tables=outcome.tables,
            notes=outcome.notes,
            validate_ms=outcome.validate_ms,
        )
