"""App factory of the copilot API (`create_app`); OpenAPI docs at /docs."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ai.audit import AuditLog
from ai.copilot import Copilot
from ai.library import QueryLibrary
from ai.llm import OllamaModel, SqlModel
from ai.metrics import instrument
from ai.models import ErrorResponse
from ai.routes import ask, health, schema
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
        ),
        library=QueryLibrary(),
        audit=AuditLog(settings.audit_log_path),
        max_rows=settings.copilot_max_rows,
        max_repairs=settings.copilot_max_repairs,
        model_budget_s=settings.copilot_model_budget_s,
        model_retry_s=settings.copilot_model_retry_s,
    )


async def http_error(request: Request, error: Exception) -> JSONResponse:
    """HTTP errors raised by the framework (e.g. a body that is not JSON) in the ErrorResponse
    shape, so every documented 400 looks the same."""
    assert isinstance(error, HTTPException)
    if error.status_code != 400:
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=error.headers
        )
    body = ErrorResponse(error="bad_request", message=str(error.detail))
    return JSONResponse(body.model_dump(), status_code=400)


def create_app(settings: CopilotSettings | None = None, model: SqlModel | None = None) -> FastAPI:
    settings = settings or CopilotSettings()
    app = FastAPI(
        title="F1 lakehouse copilot",
        version="1.0.0",
        description=(
            "Ask questions about the F1 warehouse. Answers carry the validated read-only SQL "
            "that ran, its rows and a chart spec. Nothing the language model writes is trusted."
        ),
    )
    app.state.settings = settings
    app.state.copilot = build_copilot(settings, model)
    app.add_exception_handler(HTTPException, http_error)
    app.include_router(ask.router)
    app.include_router(health.router)
    app.include_router(schema.router)
    instrument(app)
    return app
