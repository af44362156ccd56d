"""Typed FastAPI dependencies: the one Copilot (and its parts), the one Predictor and the job
gates built by `ai.main.create_app`. They are `async def` (attribute reads): a sync dependency
would take a slot of the framework's shared thread pool on every request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ai.concurrency import Gates
from ai.copilot import Copilot
from ai.model_health import ModelHealthCache
from ai.predictor import Predictor
from ai.settings import CopilotSettings


async def get_copilot(request: Request) -> Copilot:
    copilot: Copilot = request.app.state.copilot
    return copilot


async def get_predictor(request: Request) -> Predictor:
    predictor: Predictor = request.app.state.predictor
    return predictor


async def get_settings(request: Request) -> CopilotSettings:
    settings: CopilotSettings = request.app.state.settings
    return settings


async def get_gates(request: Request) -> Gates:
    gates: Gates = request.app.state.gates
    return gates


async def get_model_health(request: Request) -> ModelHealthCache:
    cache: ModelHealthCache = request.app.state.model_health
    return cache


CopilotDep = Annotated[Copilot, Depends(get_copilot)]
PredictorDep = Annotated[Predictor, Depends(get_predictor)]
GatesDep = Annotated[Gates, Depends(get_gates)]
ModelHealthDep = Annotated[ModelHealthCache, Depends(get_model_health)]
