"""`python -m ingestion run …` — the command the ingestion container runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from f1lake.logging_setup import configure_logging
from ingestion.cache_import import (
    CACHE_FILE,
    CacheSource,
    check_database,
    check_sources,
    import_checked,
)
from ingestion.cache_probe import DATA_ROOT_CACHE
from ingestion.errors import IngestionError, SelectionError
from ingestion.history.cli import history
from ingestion.manifest import ALL_TABLES
from ingestion.network import require_network
from ingestion.openf1.cli import openf1
from ingestion.runner import Ingestor, RunReport, RunRequest
from ingestion.selection import parse_rounds, parse_seasons, parse_sessions
from ingestion.settings import IngestionSettings
from ingestion.update_cli import update

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
app.command()(openf1)  # `python -m ingestion openf1`: OpenF1 sessions (ingestion/openf1/)
app.command()(update)  # `python -m ingestion update`: everything new for a season (update.py)


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
        list[str] | None,
        typer.Option(
            metavar="PATH",
            help="Copy (merge) a Fast-F1 cache folder (HTTP sqlite + .ff1pkl tree) into the "
            "cache first; repeatable [env F1_CACHE_FROM, ':'-separated]",
        ),
    ] = None,
    ignore_cache_version: Annotated[
        bool | None,
        typer.Option(
            "--ignore-cache-version/--check-cache-version",
            help="Use .ff1pkl pickles written by older Fast-F1 versions (Fast-F1's "
            "ignore_version; recorded in the manifest) [env INGEST_IGNORE_CACHE_VERSION]",
        ),
    ] = None,
) -> None:
    """Ingest sessions into <EXTERNAL_DATA_ROOT>/bronze; already-ingested ones cost no load.

    Fast-F1's log goes to <EXTERNAL_DATA_ROOT>/logs/ingestion/<run>.log; the summary counts its
    warnings per session.

    Exit codes: 0 done, 1 some session failed, 2 bad input or a damaged --cache-from file,
    3 Fast-F1's rate limit (run again later), 4 no network for an online run (one line, nothing
    written: use --offline --cache-from PATH).
    """
    started = time.monotonic()
    settings = IngestionSettings()
    configure_logging(settings.log_level)
    request = RunRequest(
        seasons=settings.ingest_season if season is None else season,
        rounds=settings.ingest_rounds if rounds is None else rounds,
        sessions=settings.ingest_sessions if sessions is None else sessions,
        telemetry=settings.ingest_telemetry if telemetry is None else telemetry,
        force=force,
        offline=settings.ingest_offline if offline is None else offline,
        ignore_cache_version=(
            settings.ingest_ignore_cache_version
            if ignore_cache_version is None
            else ignore_cache_version
        ),
    )
    sources = settings.cache_sources if cache_from is None else [Path(c) for c in cache_from]
    ingestor = Ingestor(settings)
    try:
        if cache_from is not None and not all(c.strip() for c in cache_from):
            raise SelectionError("--cache-from is empty: give a Fast-F1 cache folder")
        checked = check_request(request, sources, settings.cache_dir)  # one line, no write
        if (settings.cache_dir / CACHE_FILE).is_file():
            check_database(settings.cache_dir / CACHE_FILE, DATA_ROOT_CACHE)
        if not request.offline:
            require_network()
        imported = import_checked(checked, settings.cache_dir)
        if imported.files_checked:
            out.print(
                f"cache-from: {imported.files_checked} new or changed file(s) checked; "
                f"{imported.pickles_copied} pickle(s) copied, "
                f"{imported.responses_added} HTTP response(s) added",
                markup=False,
                highlight=False,
            )
        keys = ingestor.plan(request)
        report = ingestor.run(request, keys)
    except IngestionError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    log = ingestor.run_log.path if ingestor.run_log.written else None
    print_summary(report, time.monotonic() - started, log)
    if report.stopped_by_network:
        err.print(f"error: {report.stopped_by_network}", markup=False, soft_wrap=True)
        raise typer.Exit(4)
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


def check_request(request: RunRequest, sources: list[Path], cache_dir: Path) -> list[CacheSource]:
    """Every input checked before anything is written (SelectionError / CacheFileError); source
    files imported before and unchanged since are not read again (unless --force)."""
    parse_seasons(request.seasons)
    parse_rounds(request.rounds)
    parse_sessions(request.sessions)
    return check_sources(sources, cache_dir, recheck=request.force)


@app.command("migrate-bronze")
def migrate_bronze_command() -> None:
    """Rewrite bronze written by an older version in the bronze contract's types (in place)."""
    from ingestion.bronze_migration import migrate_bronze

    settings = IngestionSettings()
    configure_logging(settings.log_level)
    try:
        report = migrate_bronze(settings.layout.bronze, settings.cache_dir)
    except IngestionError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    out.print(
        f"migrated {len(report.rewritten)} bronze file(s), {report.current} already current; "
        f"{report.manifest_entries} manifest entr(y/ies) given new fingerprints",
        markup=False,
    )


def print_summary(report: RunReport, seconds: float, log: Path | None) -> None:
    """On a terminal the table of the sessions loaded; then, always, one summary line."""
    if report.entries and out.is_terminal:
        out.print(summary_table(report))
    counts: dict[str, int] = {}
    for entry in report.entries:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing loaded"
    line = f"{summary}; {len(report.skipped)} already in the manifest (no load)"
    if report.unavailable:
        line += f"; {len(report.unavailable)} unavailable: not in the offline cache or not run yet"
        line += " (no load)"
    if report.no_schedule:
        line += f"; no schedule in the cache for {', '.join(map(str, report.no_schedule))}"
    line += f"; {seconds:.1f} s"
    if log is not None:
        warnings = sum(entry.fastf1_warnings for entry in report.entries)
        line += f"; {warnings} Fast-F1 warnings, Fast-F1's log: {log}"
    out.print(f"ingestion: {line}", markup=False, highlight=False, soft_wrap=True)


def summary_table(report: RunReport) -> Table:
    table = Table(title="Ingestion summary")
    table.add_column("session")
    table.add_column("status")
    for name in ALL_TABLES:
        table.add_column(name, justify="right")
    table.add_column("warnings", justify="right")
    table.add_column("seconds", justify="right")
    for entry in report.entries:
        cells = ["-" if entry.rows.get(t) is None else str(entry.rows[t]) for t in ALL_TABLES]
        warnings = str(entry.fastf1_warnings)
        table.add_row(str(entry.key), entry.status, *cells, warnings, f"{entry.seconds:.2f}")
    return table


if __name__ == "__main__":
    app()
