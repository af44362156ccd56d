"""`python -m ingestion update`: what `make update` (and cron) runs; see ingestion.update."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from f1lake.logging_setup import configure_logging
from ingestion.settings import IngestionSettings
from ingestion.update import UpdateLockedError, UpdateOptions, run_update, update_lock

err = Console(stderr=True)
out = Console(width=200)


def update(
    season: Annotated[
        int | None, typer.Option(help="Season to bring up to date (default: this year)")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline/--online", help="No network: caches and folders only")
    ] = False,
    cache_from: Annotated[
        list[Path] | None,
        typer.Option(metavar="PATH", help="Fast-F1 cache folder to copy in first; repeatable"),
    ] = None,
    openf1_from: Annotated[
        Path | None, typer.Option(metavar="PATH", help="Replay recorded OpenF1 responses")
    ] = None,
    history_from_csv: Annotated[
        Path | None, typer.Option(metavar="PATH", help="Ergast CSV dump instead of Jolpica")
    ] = None,
    build: Annotated[
        bool, typer.Option(help="Rebuild gold when anything is new (containers: dbt does it)")
    ] = True,
    predict: Annotated[bool, typer.Option(help="Predict the next race at the end")] = True,
) -> None:
    """Everything new for a season: Fast-F1, OpenF1 for what it lacks, history, gold, prediction.

    Prints one summary line. Exit codes: 0 up to date, 1 a step failed (the next run retries),
    2 bad input, 3 a rate limit (run again later), 4 no network, 75 another update is running.
    """
    settings = IngestionSettings()
    configure_logging(settings.log_level)
    today = dt.datetime.now(dt.UTC).date()
    options = UpdateOptions(
        season=season or today.year,
        offline=offline,
        cache_from=cache_from or settings.cache_sources,
        openf1_from=openf1_from,
        history_from_csv=history_from_csv,
        build=build,
        predict=predict,
    )
    layout = settings.layout
    try:
        with update_lock(layout.update_lock):
            report = run_update(options, layout, today)
    except UpdateLockedError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    out.print(report.summary(options.season), markup=False, highlight=False, soft_wrap=True)
    if report.failed:
        err.print(f"see {report.log}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(report.exit_code)
