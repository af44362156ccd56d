"""Benchmark of the copilot's non-model path over the query library: validate + execute + chart.

    EXTERNAL_DATA_ROOT=/path/to/root .venv/bin/python benchmarks/copilot.py [--repeat 20]

Every library entry's example question is matched once (entities -> SQL); then each SQL is
validated (sqlglot), run in the sandbox (in-memory DuckDB, warehouse attached read-only) and
charted, `--repeat` times. Prints p50/p99 in ms and their ratio to the targets (p50 <= 20 ms,
p99 <= 100 ms), measured in this one run.
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
from ai.schema_catalog import CatalogCache
from ai.settings import CopilotSettings
from ai.validation import validate_sql

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
    )
    matches = [library.match(AskRequest(question=t.example), catalog.dimensions) for t in TEMPLATES]
    queries = [m for m in matches if m is not None]
    sandbox.run("select 1")  # open the sandbox once, as a running service has
    totals: list[float] = []
    steps: dict[str, list[float]] = {"validate": [], "execute": [], "chart": []}
    for _ in range(repeat):
        for match in queries:
            t0 = time.perf_counter()
            checked = validate_sql(match.sql, catalog.served, settings.copilot_max_rows)
            t1 = time.perf_counter()
            result = sandbox.run(checked.sql)
            t2 = time.perf_counter()
            choose_chart(result.columns, result.types, result.rows, match.title)
            t3 = time.perf_counter()
            steps["validate"].append((t1 - t0) * 1000)
            steps["execute"].append((t2 - t1) * 1000)
            steps["chart"].append((t3 - t2) * 1000)
            totals.append((t3 - t0) * 1000)
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


if __name__ == "__main__":
    typer.run(main)
