"""`python -m ingestion run …` — the command the ingestion container runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from f1lake.logging_setup import configure_logging
from ingestion.cache_import import import_cache
from ingestion.errors import IngestionError
from ingestion.history.cli import history
from ingestion.manifest import ALL_TABLES
from ingestion.runner import Ingestor, RunReport, RunRequest
from ingestion.settings import IngestionSettings

app = typer.Typer(
    help="Load Formula 1 race weekends with Fast-F1 into hive-partitioned bronze Parquet.",
    add_completion=False,
    no_args_is_help=True,
)
err = Console(stderr=True)
out = Console(width=160)


@app.callback()
def main() -> None:
    """Fast-F1 → bronze ingestion."""


app.command()(history)  # `python -m ingestion history`: Ergast history (ingestion/history/)


@app.command()
def run(
    season: Annotated[
        str | None, typer.Option(help="Season(s): 2024, 2018-2026 or 2023,2024 [env INGEST_SEASON]")
    ] = None,
    rounds: Annotated[
        str | None, typer.Option(help="Rounds: 4, 1-3, 1,4,6 or all [env INGEST_ROUNDS]")
    ] = None,
    sessions: Annotated[
        str | None,
        typer.Option(help="Fast-F1 session codes FP1,FP2,FP3,SQ,SS,S,Q,R or all [INGEST_SESSIONS]"),
    ] = None,
    telemetry: Annotated[
        bool | None, typer.Option("--telemetry/--no-telemetry", help="Also car_data and position")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Re-ingest sessions the manifest already has")
    ] = False,
    offline: Annotated[
        bool | None,
        typer.Option("--offline/--online", help="Use only the Fast-F1 cache (no network)"),
    ] = None,
    cache_from: Annotated[
        Path | None,
        typer.Option(help="Copy (merge) an existing Fast-F1 cache folder into the cache first"),
    ] = None,
) -> None:
    """Ingest sessions into <EXTERNAL_DATA_ROOT>/bronze; already-ingested ones cost no load."""
    settings = IngestionSettings()
    configure_logging(settings.log_level)
    request = RunRequest(
        seasons=season or settings.ingest_season,
        rounds=rounds or settings.ingest_rounds,
        sessions=sessions or settings.ingest_sessions,
        telemetry=settings.ingest_telemetry if telemetry is None else telemetry,
        force=force,
        offline=settings.ingest_offline if offline is None else offline,
    )
    ingestor = Ingestor(settings)
    try:
        if cache_from is not None:
            import_cache(cache_from, settings.cache_dir)
        keys = ingestor.plan(request)
        report = ingestor.run(request, keys)
    except IngestionError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    print_summary(report)
    if report.stopped_by_rate_limit:
        err.print(
            "stopped: Fast-F1's API rate limit was reached (500 calls/hour). Everything ingested "
            "so far is kept; run the same command again in an hour to resume.",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(3)
    if report.failed:
        err.print(f"{len(report.failed)} session(s) failed; see the manifest", markup=False)
        raise typer.Exit(1)


def print_summary(report: RunReport) -> None:
    table = Table(title="Ingestion summary")
    table.add_column("session")
    table.add_column("status")
    for name in ALL_TABLES:
        table.add_column(name, justify="right")
    table.add_column("seconds", justify="right")
    for entry in report.entries:
        cells = ["-" if entry.rows.get(t) is None else str(entry.rows[t]) for t in ALL_TABLES]
        table.add_row(str(entry.key), entry.status, *cells, f"{entry.seconds:.2f}")
    out.print(table)
    counts: dict[str, int] = {}
    for entry in report.entries:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing loaded"
    line = f"{summary}; {len(report.skipped)} already in the manifest (no load)"
    if report.unavailable:
        line += f"; {len(report.unavailable)} unavailable: not in the offline cache or not run yet"
    out.print(line + " (no load)" if report.unavailable else line)


if __name__ == "__main__":
    app()
