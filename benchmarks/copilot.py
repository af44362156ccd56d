"""Benchmark of the copilot's non-model path over the query library: parse + validate + execute +
chart.

    EXTERNAL_DATA_ROOT=/path/to/root .venv/bin/python benchmarks/copilot.py [--repeat 20]

Every library entry's example question is parsed (entities, intent, builder SQL), then its SQL is
validated (sqlglot, then DuckDB's own bind and parse: ai.sandbox_guard) and run, both in the
sandbox's worker processes (ai.sandbox: in-memory DuckDB, the
warehouse attached read-only, address-space cap, byte budget) and charted, `--repeat` times.
Prints p50/p99 in ms and their ratio to the targets (p50 <= 20 ms, p99 <= 100 ms), and the
overhead the worker process adds: the same queries executed in-process
(ai.sandbox_worker.execute on the same kind of sandbox connection), measured in this one run.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ai.charts import choose_chart
from ai.library import TEMPLATES, QueryLibrary
from ai.models import AskRequest
from ai.sandbox import Sandbox
from ai.sandbox_guard import Scrubber, served_catalog
from ai.sandbox_worker import SANDBOX_ALIAS, execute
from ai.schema_catalog import CatalogCache
from ai.settings import CopilotSettings
from f1lake.warehouse import open_sandbox

TARGET_P50_MS, TARGET_P99_MS = 20.0, 100.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(repeat: Annotated[int, typer.Option(min=1, help="Runs per library query.")] = 20) -> None:
    settings = CopilotSettings()
    console = Console()
    catalog = CatalogCache(settings.warehouse_path, Path("/nonexistent")).get()
    library = QueryLibrary()
    sandbox = Sandbox(
        settings.warehouse_path,
        timeout_s=settings.copilot_query_timeout_s,
        memory_limit=settings.copilot_memory_limit,
        threads=settings.copilot_threads,
        workers=settings.copilot_workers,
        worker_memory_mb=settings.copilot_worker_memory_mb,
        max_bytes=settings.copilot_response_bytes,
        max_value_chars=settings.copilot_max_value_chars,
    )
    examples = [t.example for t in TEMPLATES]
    queries = [
        e for e in examples if library.match(AskRequest(question=e), catalog.dimensions) is not None
    ]
    for _ in range(settings.copilot_workers):  # start the pool, as a running service has
        sandbox.run("select 1")
    inline = open_sandbox(
        settings.warehouse_path,
        memory_limit=settings.copilot_memory_limit,
        threads=settings.copilot_threads,
    )
    served = served_catalog(inline, SANDBOX_ALIAS, str(settings.warehouse_path))
    scrub = Scrubber(served)
    totals: list[float] = []
    steps: dict[str, list[float]] = {
        "parse": [],
        "validate": [],
        "execute": [],
        "chart": [],
        "check + execute in worker": [],
        "check + execute in-process": [],
    }
    for _ in range(repeat):
        for example in queries:
            tp = time.perf_counter()  # the question parser: entities, intent, builder SQL
            match = library.match(AskRequest(question=example), catalog.dimensions)
            assert match is not None
            t1 = time.perf_counter()
            result = sandbox.run(match.sql, settings.copilot_max_rows)
            t2 = time.perf_counter()
            choose_chart(result.columns, result.types, result.rows, match.title)
            t3 = time.perf_counter()
            steps["parse"].append((t1 - tp) * 1000)
            steps["validate"].append(result.validate_ms)  # inside the worker
            steps["execute"].append((t2 - t1) * 1000 - result.validate_ms)
            steps["chart"].append((t3 - t2) * 1000)
            steps["check + execute in worker"].append((t2 - t1) * 1000)
            totals.append((t3 - tp) * 1000)
            t4 = time.perf_counter()
            execute(inline, sandbox.job(match.sql, settings.copilot_max_rows), served, scrub)
            steps["check + execute in-process"].append((time.perf_counter() - t4) * 1000)
    inline.close()
    sandbox.close()
    table = Table(title=f"copilot non-model path: {len(queries)} library queries x {repeat}")
    for column in ("step", "p50 ms", "p99 ms", "mean ms"):
        table.add_column(column, justify="right")
    for name, values in [*steps.items(), ("total", totals)]:
        table.add_row(
            name,
            f"{percentile(values, 0.5):.2f}",
            f"{percentile(values, 0.99):.2f}",
            f"{statistics.fmean(values):.2f}",
        )
    console.print(table)
    p50, p99 = percentile(totals, 0.5), percentile(totals, 0.99)
    console.print(
        f"p50 {p50:.2f} ms = {p50 / TARGET_P50_MS:.2f} x target ({TARGET_P50_MS:g} ms); "
        f"p99 {p99:.2f} ms = {p99 / TARGET_P99_MS:.2f} x target ({TARGET_P99_MS:g} ms); "
        f"matched {len(queries)}/{len(TEMPLATES)} library entries"
    )
    worker, local = steps["check + execute in worker"], steps["check + execute in-process"]
    console.print(
        f"worker process overhead: check + execute p50 {percentile(worker, 0.5):.2f} ms vs "
        f"{percentile(local, 0.5):.2f} ms in-process (+"
        f"{percentile(worker, 0.5) - percentile(local, 0.5):.2f} ms, "
        f"{percentile(worker, 0.5) / max(percentile(local, 0.5), 1e-9):.2f} x); p99 "
        f"{percentile(worker, 0.99):.2f} vs {percentile(local, 0.99):.2f} ms"
    )


if __name__ == "__main__":
    typer.run(main)
