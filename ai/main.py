"""App factory of the copilot API (`create_app`); OpenAPI docs at /docs.

Routes live in ai/routes/, their dependencies in ai/deps.py, error handling in ai/errors.py.
`uvicorn --factory ai.main:create_app` serves it from the environment's settings.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ai.audit import AuditLog
from ai.copilot import Copilot
from ai.errors import install_error_handlers
from ai.library import QueryLibrary
from ai.llm import OllamaModel, SqlModel
from ai.metrics import instrument
from ai.predictor import Predictor
from ai.routes import ask, health, predict, schema
from ai.sandbox import Sandbox
from ai.schema_catalog import CatalogCache
from ai.settings import CopilotSettings

log = logging.getLogger(__name__)


def build_copilot(settings: CopilotSettings, model: SqlModel | None = None) -> Copilot:
    """Wire the copilot's parts from settings (tests pass a ScriptedModel as `model`)."""
    return Copilot(
        model=model
        or OllamaModel(
            settings.ollama_host,
            settings.ollama_model,
            settings.ollama_timeout_s,
            settings.ollama_num_ctx,
        ),
        catalog=CatalogCache(
            settings.warehouse_path, settings.layout.logs / "dbt" / "target" / "manifest.json"
        ),
        sandbox=Sandbox(
            settings.warehouse_path,
            timeout_s=settings.copilot_query_timeout_s,
            memory_limit=settings.copilot_memory_limit,
            threads=settings.copilot_threads,
            workers=settings.copilot_workers,
            worker_memory_mb=settings.copilot_worker_memory_mb,
            max_bytes=settings.copilot_response_bytes,
            max_value_chars=settings.copilot_max_value_chars,
        ),
        library=QueryLibrary(),
        audit=AuditLog(settings.audit_log_path),
        max_rows=settings.copilot_max_rows,
        max_repairs=settings.copilot_max_repairs,
        model_budget_s=settings.copilot_model_budget_s,
        model_retry_s=settings.copilot_model_retry_s,
    )


@asynccontextmanager
async def stop_workers(app: FastAPI) -> AsyncIterator[None]:
    """The sandbox's worker processes stop with the app."""
    yield
    app.state.copilot.sandbox.close()


def create_app(settings: CopilotSettings | None = None, model: SqlModel | None = None) -> FastAPI:
    settings = settings or CopilotSettings()
    app = FastAPI(
        lifespan=stop_workers,
        title="F1 lakehouse copilot",
        version="1.0.0",
        description=(
            "Ask questions about the F1 warehouse. Answers carry the validated read-only SQL "
            "that ran, its rows and a chart spec. Nothing the language model writes is trusted. "
            "POST /predict serves the race predictions of the ml registry's models."
        ),
    )
    app.state.settings = settings
    app.state.copilot = build_copilot(settings, model)
    app.state.predictor = Predictor(settings.models_dir, settings.warehouse_path)
    install_error_handlers(app)
    app.include_router(ask.router)
    app.include_router(health.router)
    app.include_router(schema.router)
    app.include_router(predict.router)
    instrument(app)
    return app
