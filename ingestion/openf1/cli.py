"""`python -m ingestion openf1` — OpenF1 sessions into bronze/openf1 (API or recorded replay)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from f1lake.logging_setup import configure_logging
from ingestion.errors import IngestionError, SelectionError
from ingestion.settings import IngestionSettings

if TYPE_CHECKING:  # the runner imports pandas and pyarrow: only when `openf1` runs
    from ingestion.openf1.runner import OpenF1Report, OpenF1Request

FROM_HELP = "Replay recorded responses (one JSON file per endpoint, e.g. laps.json); no network"
err = Console(stderr=True)
out = Console(width=160)


def openf1(
    season: Annotated[str, typer.Option(help="Season(s): 2024, 2023-2025 or 2023,2024")],
    rounds: Annotated[str, typer.Option(help="Rounds: 18, 1-3, 1,4,6 or all")] = "all",
    sessions: Annotated[
        str, typer.Option(help="Fast-F1 session codes FP1,FP2,FP3,SQ,SS,S,Q,R or all")
    ] = "all",
    offline: Annotated[
        bool,
        typer.Option("--offline/--online", help="No network: --from PATH, else the cache only"),
    ] = False,
    from_path: Annotated[
        Path | None,
        typer.Option("--from", metavar="PATH", help=FROM_HELP),
    ] = None,
    force: Annotated[bool, typer.Option(help="Re-ingest sessions the manifest has")] = False,
    gaps_only: Annotated[
        bool, typer.Option(help="Only sessions the Fast-F1 manifest has no laps for")
    ] = False,
) -> None:
    """OpenF1 sessions into <EXTERNAL_DATA_ROOT>/bronze/openf1; done sessions cost no call.

    Rounds are the Fast-F1 schedule's (bronze/events: run `ingestion run` or `update` first).
    Exit codes: 0 done, 1 some session failed, 2 bad input or a damaged replay file (one line,
    nothing written), 3 OpenF1's rate limit persisted (run again later), 4 no network.
    """
    from ingestion.openf1.runner import OpenF1Request

    settings = IngestionSettings()
    configure_logging(settings.log_level)
    request = OpenF1Request(season, rounds, sessions, force, gaps_only)
    try:
        report = run_openf1(settings, request, offline=offline, from_path=from_path)
    except IngestionError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    out.print(summary_line(report), markup=False, highlight=False)
    if report.stopped is not None:
        message = f"stopped: {report.stopped}; what is done is kept, run again later"
        err.print(message, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(report.stopped.exit_code)
    if report.failed:
        for entry in report.failed:
            err.print(f"{entry.key} failed: {entry.error}", markup=False, highlight=False)
        raise typer.Exit(1)


def run_openf1(
    settings: IngestionSettings,
    request: OpenF1Request,
    *,
    offline: bool = False,
    from_path: Path | None = None,
) -> OpenF1Report:
    """Check the input, open the source (a replay folder is read and checked whole), run."""
    from ingestion.openf1.runner import OpenF1Ingestor, check_request

    check_request(request)
    if from_path is not None:
        from ingestion.openf1.replay import ReplaySource

        if not str(from_path).strip():
            raise SelectionError("--from is empty: give a folder of recorded OpenF1 responses")
        source: object = ReplaySource(from_path.expanduser())
    else:
        from ingestion.openf1.client import OpenF1Client

        source = OpenF1Client(
            settings.openf1_base_url,
            settings.layout.openf1_cache,
            offline=offline,
            backoff=settings.openf1_backoff_seconds,
            listing_max_age=settings.openf1_listing_max_age_hours * 3600,
            limits=(
                (settings.openf1_calls_per_second, 1.0),
                (settings.openf1_calls_per_minute, 60.0),
            ),
        )
    ingestor = OpenF1Ingestor(settings, source)  # type: ignore[arg-type]
    planned = ingestor.plan(request)
    return ingestor.run(request, planned)


def summary_line(report: OpenF1Report) -> str:
    counts: dict[str, int] = {}
    for entry in report.entries:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    done = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing loaded"
    rows = ", ".join(
        f"{endpoint} {report.rows(endpoint)}"
        for endpoint in ("laps", "position", "pit", "overtakes")
        if report.rows(endpoint)
    )
    line = f"openf1: {done}" + (f" ({rows} rows)" if rows else "")
    line += f"; {len(report.skipped)} already in a manifest (no call)"
    if report.not_run:
        line += f"; {len(report.not_run)} not over yet"
    return line
