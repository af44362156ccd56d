"""CLI of the copilot: `python -m ai serve --host H --port P` (also the container's command)."""

from __future__ import annotations

from typing import Annotated

import typer

from ai.main import create_app
from ai.server import serve as run_server
from ai.settings import CopilotSettings
from f1lake.cli import HostOption, port_option
from f1lake.logging_setup import configure_logging

cli = typer.Typer(add_completion=False, help="F1 lakehouse SQL copilot (FastAPI + Ollama).")


@cli.callback()
def main() -> None:
    """F1 lakehouse SQL copilot."""


@cli.command()
def serve(
    host: HostOption = "127.0.0.1",
    port: Annotated[int | None, port_option("COPILOT_PORT", 8000)] = None,
) -> None:
    """Serve the copilot API (POST /ask, GET /health, GET /schema, docs at /docs) with the read
    timeouts of ai.server."""
    settings = CopilotSettings()
    configure_logging(settings.log_level)
    app = create_app(settings)
    run_server(app, host, port or settings.copilot_port, settings)


if __name__ == "__main__":
    cli()
