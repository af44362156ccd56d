"""Typed FastAPI dependencies: the one Copilot (and its parts) and the one Predictor built by
`ai.main.create_app`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ai.copilot import Copilot
from ai.predictor import Predictor
from ai.settings import CopilotSettings


def get_copilot(request: Request) -> Copilot:
    copilot: Copilot = request.app.state.copilot
    return copilot


def get_predictor(request: Request) -> Predictor:
    predictor: Predictor = request.app.state.predictor
    return predictor


def get_settings(request: Request) -> CopilotSettings:
    settings: CopilotSettings = request.app.state.settings
    return settings


CopilotDep = Annotated[Copilot, Depends(get_copilot)]
PredictorDep = Annotated[Predictor, Depends(get_predictor)]
SettingsDep = Annotated[CopilotSettings, Depends(get_settings)]
