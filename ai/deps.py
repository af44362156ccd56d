"""Typed FastAPI dependencies: the one Copilot (and its parts) built by `ai.main.create_app`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ai.copilot import Copilot
from ai.settings import CopilotSettings


def get_copilot(request: Request) -> Copilot:
    copilot: Copilot = request.app.state.copilot
    return copilot


def get_settings(request: Request) -> CopilotSettings:
    settings: CopilotSettings = request.app.state.settings
    return settings


CopilotDep = Annotated[Copilot, Depends(get_copilot)]
SettingsDep = Annotated[CopilotSettings, Depends(get_settings)]
