"""CLI of the dashboard: `python -m dashboard serve --host H --port P` (also the container's)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from dashboard.settings import DashboardSettings
from f1lake.cli import HostOption, port_option

APP = Path(__file__).resolve().parent / "app.py"
# Third-party modules the pages import (about 1.5 s on a 2-core machine): loaded before the
# server starts rather than during the first visitor's script run.
WARM_IMPORTS = ("pandas", "plotly.graph_objects", "plotly.express", "duckdb", "httpx")
THEME = {
    "theme.base": "dark",
    "theme.primaryColor": "#E10600",
    "theme.backgroundColor": "#15151E",
    "theme.secondaryBackgroundColor": "#1F1F2B",
    "theme.textColor": "#F5F5F7",
}

cli = typer.Typer(add_completion=False, help="F1 lakehouse dashboard (Streamlit + plotly).")


@cli.callback()
def main() -> None:
    """F1 lakehouse dashboard."""


def streamlit_command(host: str, port: int) -> list[str]:
    """The `streamlit run` command line serving dashboard/app.py headless on host:port."""
    options = {
        "server.address": host,
        "server.port": str(port),
        "server.headless": "true",
        "browser.gatherUsageStats": "false",
        "client.toolbarMode": "minimal",
        # a served dashboard does not reload on source edits: no watcher walking every
        # imported module's file after each script run (CPU on the server's event loop)
        "server.fileWatcherType": "none",
        "server.runOnSave": "false",
        **THEME,
    }
    flags = [f"--{name}={value}" for name, value in options.items()]
    return [sys.executable, "-m", "streamlit", "run", str(APP), *flags]


@cli.command()
def serve(
    host: HostOption = "127.0.0.1",
    port: Annotated[int | None, port_option("DASHBOARD_PORT", 8501)] = None,
) -> None:
    """Serve the dashboard over EXTERNAL_DATA_ROOT's warehouse, calling AI_SERVICE_URL."""
    settings = DashboardSettings()
    command = streamlit_command(host, port or settings.dashboard_port)
    typer.echo(
        f"dashboard: http://{host}:{port or settings.dashboard_port} · warehouse "
        f"{settings.warehouse_path} · copilot {settings.ai_service_url}",
        err=True,
    )
    sys.stdout.flush()
    run_in_this_process(command)


def run_in_this_process(command: list[str]) -> None:
    """Run `streamlit run …` in this process (signals reach it directly), after importing the
    heavy libraries the pages use, so the first visitor does not wait for those imports."""
    for module in WARM_IMPORTS:
        importlib.import_module(module)
    from streamlit.web import cli as streamlit_cli

    sys.argv = ["streamlit", *command[3:]]  # drop "<python> -m streamlit"
    streamlit_cli.main()


if __name__ == "__main__":
    cli()
