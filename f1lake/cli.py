"""Command-line options shared by the services that serve on a port (copilot, dashboard)."""

from __future__ import annotations

from typing import Annotated

import typer

HostOption = Annotated[str, typer.Option(help="Interface to bind, e.g. 127.0.0.1 or 0.0.0.0.")]


def port_option(variable: str, default: int) -> typer.models.OptionInfo:
    """A --port option whose unset value means "the port from settings" (`variable`)."""
    return typer.Option(min=1, max=65535, help=f"TCP port (default {variable}, else {default}).")
