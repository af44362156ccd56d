"""What runs inside a sandbox worker process: open the warehouse sandbox, run one query, build
the rows within a byte budget, send them back.

A job's SQL is checked here, where a runaway check can be stopped (the API kills a worker that
overruns its timeout) and its memory is capped: first by ai.validation (sqlglot), then by DuckDB
itself (ai.sandbox_guard: the bound plan reads only served tables, DuckDB's parse calls only
allowed functions). A worker whose database DuckDB invalidated, or that hit its memory cap, asks
to be replaced (`Outcome.restart`) instead of failing the next question.

`serve` is a worker's main loop. It first caps its own address space (RLIMIT_AS), so no query —
inside DuckDB or in Python — can take more than that, and lowers its CPU priority (nice 10) so
the API process stays responsive; DuckDB's memory limit and a timer that
interrupts the query sit below it. `execute` is the same work without a process (the benchmark
measures the worker's overhead against it).
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import duckdb

from ai.sandbox_guard import (
    Scrubber,
    ServedCatalog,
    check_functions,
    check_plan,
    served_catalog,
    sqlglot_key,
)
from ai.sandbox_job import Job, Outcome
from ai.sandbox_rows import fetch_within
from ai.validation import ServedSchema, SqlRejectedError, validate_sql
from f1lake.warehouse import WarehouseMissingError, open_sandbox

SANDBOX_ALIAS = "wh"
READY = "ready"
WORKER_NICENESS = 10


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:400]


class CheckTimeoutError(BaseException):  # not caught by the checks' fail-closed handler
    """ai.validation's checks ran past the query timeout (raised by SIGALRM)."""


def alarm(signum: int, frame: object) -> None:
    raise CheckTimeoutError


def validate(job: Job, served: ServedCatalog, out: Outcome) -> str:
    """ai.validation's checks (sqlglot), stopped by SIGALRM at the query timeout (pure Python,
    so the alarm interrupts it anywhere); the API kills a worker that still overruns."""
    started = time.perf_counter()
    sql = job.sql
    if job.max_rows is not None:
        in_main = threading.current_thread() is threading.main_thread()
        if in_main:
            signal.signal(signal.SIGALRM, alarm)
            signal.setitimer(signal.ITIMER_REAL, job.timeout_s)
        try:
            validated = validate_sql(job.sql, served.schema, job.max_rows)
        finally:
            if in_main:
                signal.setitimer(signal.ITIMER_REAL, 0)
        sql = validated.sql
        out.sql, out.limit, out.tables = sql, validated.limit, validated.tables
        out.notes = validated.notes
    out.validate_ms = (time.perf_counter() - started) * 1000.0
    return sql


def bind(cursor: duckdb.DuckDBPyConnection, sql: str, served: ServedCatalog, out: Outcome) -> None:
    """DuckDB's own checks of the SQL that may run (interruptible like the query)."""
    started = time.perf_counter()
    check_functions(cursor, sql)
    check_plan(cursor, sql, served)
    out.validate_ms += (time.perf_counter() - started) * 1000.0


FATAL = ("invalidated", "fatal", "allocation failure", "can't start new thread")


def execute(
    con: duckdb.DuckDBPyConnection, job: Job, served: ServedCatalog, scrub: Scrubber
) -> Outcome:
    """Check and run one query on a sandbox connection, interrupted after the timeout."""
    started = time.perf_counter()
    outcome = Outcome()
    cursor = con.cursor()
    fired = threading.Event()

    def interrupt() -> None:
        fired.set()
        cursor.interrupt()

    timer = threading.Timer(job.timeout_s, interrupt)
    timer.daemon = True
    try:
        cursor.execute(f"USE {SANDBOX_ALIAS}")
        sql = validate(job, served, outcome)
        timer.start()
        bind(cursor, sql, served, outcome)
        cursor.execute(sql)
        description = cursor.description or []
        outcome.columns = [str(d[0]) for d in description]
        outcome.types = [str(d[1]) for d in description]
        fetch_within(cursor, job, outcome)
    except SqlRejectedError as rejected:
        outcome.error, outcome.message = "rejected", one_line(rejected)
    except CheckTimeoutError:
        outcome.error = "timeout"
        outcome.message = f"the SQL took longer than {job.timeout_s:g} s to check"
    except duckdb.InterruptException:
        outcome.error = "timeout"
    except (duckdb.OutOfMemoryException, MemoryError) as error:
        outcome.error, outcome.message = "limit", scrub.message(error)
        outcome.restart = True
    except (duckdb.FatalException, duckdb.InternalException) as error:  # the database is gone
        memory = "alloc" in str(error).lower()
        outcome.error, outcome.message = "limit" if memory else "failed", scrub.message(error)
        outcome.restart = True
    except (duckdb.IOException, duckdb.SerializationException) as error:  # damaged file
        outcome.error, outcome.message = "warehouse_unreadable", one_line(error)
    except duckdb.Error as error:
        outcome.error = "timeout" if fired.is_set() else "failed"
        outcome.message = scrub.message(error)
        outcome.restart = any(word in str(error).lower() for word in FATAL)
    except (ValueError, TypeError, OverflowError) as error:  # values Python cannot hold
        outcome.error, outcome.message = "failed", f"result not convertible: {one_line(error)}"
    except RuntimeError as error:  # e.g. "can't start new thread" at the address-space cap
        outcome.error, outcome.message = "limit", one_line(error)
        outcome.restart = True
    finally:
        timer.cancel()
        cursor.close()
    if outcome.error:
        outcome.rows = []
    outcome.elapsed_ms = (time.perf_counter() - started) * 1000.0 - outcome.validate_ms
    return outcome


class Sandboxes:
    """One sandbox connection per warehouse file version (a rebuild swaps the file), with what
    it serves."""

    def __init__(self) -> None:
        self.key: tuple[str, tuple[int, int, int]] | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        self.served: ServedCatalog | None = None
        self.scrub: Scrubber | None = None

    def get(self, job: Job) -> tuple[duckdb.DuckDBPyConnection, ServedCatalog, Scrubber]:
        key = (job.warehouse, job.key)
        if self.con is None or self.served is None or self.scrub is None or key != self.key:
            if self.con is not None:
                self.con.close()
                self.con = None
            spill = Path(job.spill_dir) if job.spill_dir else None
            self.con = open_sandbox(
                Path(job.warehouse),
                memory_limit=job.memory_limit,
                threads=job.threads,
                alias=SANDBOX_ALIAS,
                spill_dir=spill,
                spill_max=job.spill_max,
            )
            self.served = served_catalog(self.con, SANDBOX_ALIAS, job.warehouse)
            self.scrub = Scrubber(self.served)
            self.key = key
        return self.con, self.served, self.scrub


def run_job(sandboxes: Sandboxes, job: Job) -> Outcome:
    try:
        con, served, scrub = sandboxes.get(job)
    except WarehouseMissingError as missing:
        return Outcome(error="warehouse_missing", message=str(missing))
    except (duckdb.Error, OSError) as broken:
        return Outcome(error="warehouse_unreadable", message=one_line(broken), restart=True)
    except MemoryError as error:
        return Outcome(error="limit", message=one_line(error), restart=True)
    return execute(con, job, served, scrub)


WARM_FUNCTIONS = [
    "count",
    "sum",
    "min",
    "max",
    "avg",
    "round",
    "row_number",
    "rank",
    "coalesce",
    "lower",
    "upper",
    "concat",
]
WARM_UP_SQL = "SELECT a, count(*) AS n FROM s.t WHERE a > 1 GROUP BY a ORDER BY n DESC LIMIT 5"


def warm_up() -> None:
    """Pay sqlglot's first-use costs (lazy imports, tokenizer and optimizer set-up) at start-up,
    not inside the first question's time limit."""
    with contextlib.suppress(SqlRejectedError):
        validate_sql(WARM_UP_SQL, ServedSchema({"s": {"t": {"a": "INTEGER"}}}), 10)
    for name in WARM_FUNCTIONS:
        sqlglot_key(name)


def serve(conn: Connection, address_space_bytes: int) -> None:
    """A worker's main loop: cap the address space, then answer jobs until the pipe closes."""
    resource.setrlimit(resource.RLIMIT_AS, (address_space_bytes, address_space_bytes))
    os.nice(WORKER_NICENESS)  # a bomb never takes the CPU from the API process
    threading.stack_size(512 * 1024)  # the timeout timer's thread fits under the cap
    warm_up()
    sandboxes = Sandboxes()
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = run_job(sandboxes, job)
        except MemoryError as error:
            outcome = Outcome(error="limit", message=one_line(error), restart=True)
        except Exception as error:  # never die silently: the API gets a typed answer
            outcome = Outcome(error="failed", message=f"sandbox error ({type(error).__name__})")
            outcome.restart = True
        conn.send(outcome)
        if outcome.restart:
            return  # the API replaces this worker before the next question


def main(argv: list[str]) -> None:
    """`python -m ai.sandbox_worker FD ADDRESS_SPACE_BYTES` (started by ai.sandbox.Worker)."""
    serve(Connection(int(argv[0])), int(argv[1]))


if __name__ == "__main__":  # run the imported module, so pickled classes resolve by its name
    from ai.sandbox_worker import main as worker_main

    worker_main(sys.argv[1:])
