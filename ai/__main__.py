"""CLI of the copilot: `python -m ai serve --host H --port P` (also the container's command)."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from ai.main import create_app
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
    """Serve the copilot API (POST /ask, GET /health, GET /schema, docs at /docs)."""
    settings = CopilotSettings()
    configure_logging(settings.log_level)
    app = create_app(settings)
    uvicorn.run(app, host=host, port=port or settings.copilot_port, log_level="info")


if __name__ == "__main__":
    cli()
