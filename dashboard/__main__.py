"""CLI of the dashboard: `python -m dashboard serve --host H --port P` (also the container's)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dashboard.settings import DashboardSettings
from f1lake.cli import HostOption, port_option

APP = Path(__file__).resolve().parent / "app.py"
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
    os.execv(command[0], command)  # noqa: S606 — replace this process: signals reach streamlit directly


if __name__ == "__main__":
    cli()
