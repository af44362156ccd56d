"""`python -m transform build|verify|docs`: the transform service's command line."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from f1lake.logging_setup import configure_logging
from f1lake.warehouse import WarehouseMissingError
from transform.checks import (
    TableCount,
    empty_reason,
    empty_tables,
    format_lap_time,
    latest_best_laps,
    served_table_counts,
)
from transform.dbt_runner import run_dbt
from transform.settings import TransformSettings
from transform.swap import BuildError, build_warehouse

app = typer.Typer(
    help="Build the F1 warehouse (silver + gold) from bronze with dbt, blue/green.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)

FullRefresh = Annotated[
    bool,
    typer.Option(
        "--full-refresh",
        help="Rebuild every model from all of bronze instead of starting from the served file.",
    ),
]


def _settings() -> TransformSettings:
    try:
        settings = TransformSettings()
    except ValidationError as exc:
        err_console.print(f"invalid settings: {exc.errors()[0]['msg']}", markup=False)
        raise typer.Exit(2) from exc
    configure_logging(settings.log_level)
    return settings


def _fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"error: {message}", markup=False, highlight=False)
    return typer.Exit(code)


def _build(settings: TransformSettings, full_refresh: bool) -> None:
    started = time.monotonic()
    try:
        result = build_warehouse(settings, full_refresh=full_refresh)
    except BuildError as exc:
        raise _fail(str(exc)) from exc
    mode = "incremental" if result.incremental else "full"
    line = f"built ({mode}, {result.dbt.nodes_run} dbt nodes) -> {result.served_path}"
    if result.lake_version is not None:
        line += (
            f"; published silver + gold Parquet -> {result.lake_version} "
            f"({result.publish_seconds:.2f} s)"
        )
    line += f"; {time.monotonic() - started:.1f} s in all"
    console.print(f"transform: {line}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def build(full_refresh: FullRefresh = False) -> None:
    """Build silver and gold into a fresh file, run every dbt test, then swap it in atomically."""
    _build(_settings(), full_refresh)


@app.command()
def verify(
    skip_build: Annotated[
        bool, typer.Option("--skip-build", help="Only check the served warehouse, do not build.")
    ] = False,
    tables: Annotated[
        bool, typer.Option("--tables", help="Also print every served table's row count.")
    ] = False,
) -> None:
    """dbt deps + a FULL build (every model, every test, bronze audits), then row counts of
    every served table (to logs/verify-gold.txt; on the console with --tables, or the ones at
    fault) and the latest best laps; exits non-zero if a test fails, a served table is empty or
    the warehouse is missing."""
    settings = _settings()
    if not skip_build:
        deps = run_dbt(settings, settings.layout.warehouse_dir / "f1.next.duckdb", ["deps"])
        if not deps.success:
            raise _fail(f"dbt deps failed: {deps.error or 'see dbt log'}")
        _build(settings, full_refresh=True)
    path = settings.layout.warehouse
    try:
        counts = served_table_counts(path)
        best = latest_best_laps(path)
    except WarehouseMissingError as exc:
        raise _fail(str(exc)) from exc
    empty = empty_tables(counts, settings.layout)
    report = settings.layout.logs / "verify-gold.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    with report.open("w") as out:
        Console(file=out, width=120).print(_counts_table(path, counts, empty))
    shown = [c for c in counts if tables or f"{c.schema}.{c.table}" in empty]
    if shown:
        console.print(_counts_table(path, shown, empty))
    say(f"row counts of the {len(counts)} served tables: {report}")
    laps = Table(title="Five latest best laps")
    for column in ("session", "driver", "lap time"):
        laps.add_column(column)
    for lap in best:
        laps.add_row(lap.session_label, lap.driver_code, format_lap_time(lap.lap_time_ms))
    console.print(laps)
    if not counts:
        raise _fail(f"no served tables in {path}")
    if empty:
        raise _fail(f"empty served table(s): {', '.join(empty)}")
    say(f"verify-gold passed: {verdict(counts)}")


def say(line: str) -> None:
    """One plain console line, never wrapped (a pipe reads it whole)."""
    console.print(line, markup=False, highlight=False, soft_wrap=True)


def _counts_table(path: Path, counts: list[TableCount], empty: list[str]) -> Table:
    """Row counts, an empty table at fault in red, an allowed one with its reason."""
    table = Table(title=f"Served tables in {path}")
    table.add_column("schema")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for count in counts:
        name = f"{count.schema}.{count.table}"
        rows = f"{count.rows:,}"
        if count.rows == 0 and name not in empty:
            rows += f" ({empty_reason(count.table)})"
        table.add_row(count.schema, count.table, rows, style="red" if name in empty else "")
    return table


def verdict(counts: list[TableCount]) -> str:
    """What the table above shows, in one line: tables with rows and those empty as allowed."""
    reasons: dict[str, int] = {}
    for count in counts:
        if count.rows == 0:
            reason = empty_reason(count.table)
            reasons[reason] = reasons.get(reason, 0) + 1
    line = f"{len(counts)} served tables, {len(counts) - sum(reasons.values())} with rows"
    if not reasons:
        return line + ", none empty"
    why = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda r: -r[1]))
    return f"{line}, {sum(reasons.values())} empty as allowed ({why})"


@app.command()
def docs(
    output: Annotated[
        Path | None,
        typer.Option(help="Copy the generated static site here (default: leave in dbt target)."),
    ] = None,
) -> None:
    """`dbt docs generate` against a temporary copy of the served warehouse."""
    settings = _settings()
    served = settings.layout.warehouse
    if not served.is_file():
        raise _fail(str(WarehouseMissingError(served)))
    with tempfile.TemporaryDirectory(prefix="f1-docs-") as tmp:
        copy = Path(tmp) / "f1.duckdb"
        shutil.copyfile(served, copy)
        outcome = run_dbt(settings, copy, ["docs", "generate"])
    if not outcome.success:
        raise _fail(f"dbt docs generate failed: {outcome.error or 'see dbt log'}")
    target = settings.dbt_work_dir / "target"
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        for name in ("index.html", "manifest.json", "catalog.json"):
            shutil.copy(target / name, output / name)
        target = output
    console.print(f"[green]docs generated[/green] in {target}")


@app.command("spark-check")
def spark_check(
    sample: Annotated[int, typer.Option(min=1, help="Rows sampled per table.")] = 5,
) -> None:
    """Open bronze, silver and gold with pyspark local[2] (default read settings) and compare
    row counts and sampled values with DuckDB's; exits 1 on any difference (needs the dev
    dependencies and Java 17: scripts/ensure_java.sh)."""
    settings = _settings()
    try:
        from transform.spark_check import LakeCheckError, check_lake, spark_session
    except ImportError as exc:  # pragma: no cover - pyspark is a dev dependency
        raise _fail(f"pyspark missing ({exc}): poetry install --with dev", 2) from exc
    try:
        spark = spark_session()
    except Exception as exc:
        raise _fail(
            f"Spark did not start (Java 17 needed: scripts/ensure_java.sh): {exc}", 2
        ) from exc
    try:
        checks = check_lake(spark, settings.layout.root, sample)
    except LakeCheckError as exc:
        raise _fail(str(exc)) from exc
    finally:
        spark.stop()
    table = Table(title=f"Spark vs DuckDB on {settings.layout.root}")
    for column in ("layer", "table", "DuckDB rows", "Spark rows", "sampled", "result"):
        table.add_column(column)
    for check in checks:
        outcome = "ok" if not check.problems else "; ".join(check.problems[:2])
        cells = (check.layer, check.name, f"{check.duckdb_rows:,}", f"{check.spark_rows:,}")
        style = "red" if check.problems else ""
        table.add_row(*cells, str(check.sampled), outcome, style=style)
    console.print(table)
    failed = [f"{c.layer}.{c.name}" for c in checks if c.problems]
    if failed:
        raise _fail(f"Spark and DuckDB differ on {', '.join(failed)}")
    console.print(f"[green]spark-check passed[/green]: {len(checks)} tables")


def main() -> None:
    app(prog_name="python -m transform")


if __name__ == "__main__":
    main()
