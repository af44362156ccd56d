"""`python -m ingestion history` — Ergast history into bronze/history (CSV dump or Jolpica)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from f1lake.logging_setup import configure_logging
from ingestion.errors import IngestionError, SelectionError
from ingestion.selection import parse_number_set
from ingestion.settings import IngestionSettings

if TYPE_CHECKING:  # the runner imports pandas and pyarrow: only when `history` runs
    from ingestion.history.runner import HistoryReport

FIRST_SEASON = 1950
err = Console(stderr=True)
out = Console(width=200)


def parse_history_seasons(spec: str, today: dt.date | None = None) -> list[int]:
    """'1950-2025', '2024' or '1950,1988': championship seasons 1950 up to this year."""
    last = (today or dt.date.today()).year
    seasons = parse_number_set(spec, "season")
    for season in seasons:
        if not FIRST_SEASON <= season <= last:
            raise SelectionError(
                f"season {season} out of range: Ergast history is {FIRST_SEASON}-{last}"
            )
    return seasons


def history(
    seasons: Annotated[
        str | None, typer.Option(help="Seasons: 1950-2025, 2024 or 1988,2024 (CSV: default all)")
    ] = None,
    from_csv: Annotated[
        Path | None, typer.Option("--from-csv", help="Ergast-format CSV dump folder (offline)")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline/--online", help="Online path: only the Fast-F1 cache")
    ] = False,
    lap_times: Annotated[
        bool, typer.Option(help="Online: also lap times (about 12 calls a race)")
    ] = False,
    force: Annotated[bool, typer.Option(help="Re-ingest seasons the manifest has")] = False,
) -> None:
    """Ergast history 1950- into <EXTERNAL_DATA_ROOT>/bronze/history (same manifest rules)."""
    settings = IngestionSettings()
    configure_logging(settings.log_level)
    from ingestion.history.runner import HistoryIngestor

    ingestor = HistoryIngestor(settings)
    try:
        if from_csv is not None:
            wanted = parse_history_seasons(seasons) if seasons else None
            report = ingestor.run_csv(from_csv, wanted, force=force)
        else:
            if not seasons:
                raise SelectionError("--seasons is required online, e.g. --seasons 1950-2025")
            wanted = parse_history_seasons(seasons)
            report = ingestor.run_online(wanted, force=force, offline=offline, lap_times=lap_times)
    except IngestionError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    print_summary(report)
    if report.stopped_by_rate_limit:
        err.print(
            "stopped: Jolpica's rate limit was reached (Fast-F1 allows 200 uncached calls an "
            "hour). Everything ingested so far is kept and every response is cached; run the "
            "same command again in an hour to resume.",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(3)
    if report.failed:
        err.print(f"{len(report.failed)} season(s) failed; see the manifest", markup=False)
        raise typer.Exit(1)


def print_summary(report: HistoryReport) -> None:
    from ingestion.history.schema import SEASON_TABLES

    table = Table(title="History ingestion summary")
    table.add_column("season")
    table.add_column("status")
    for name in SEASON_TABLES:
        table.add_column(name, justify="right")
    table.add_column("seconds", justify="right")
    for entry in report.entries:
        cells = ["-" if entry.rows.get(t) is None else str(entry.rows[t]) for t in SEASON_TABLES]
        table.add_row(str(entry.season), entry.status, *cells, f"{entry.seconds:.2f}")
    out.print(table)
    counts: dict[str, int] = {}
    for entry in report.entries:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing written"
    out.print(f"{summary}; {len(report.skipped)} season(s) already in the manifest (no load)")
    for entry in report.entries:
        if entry.error:
            out.print(f"  {entry.season} {entry.status}: {entry.error}", markup=False)
