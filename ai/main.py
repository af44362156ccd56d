"""App factory of the copilot API (`create_app`); OpenAPI docs at /docs.

Routes live in ai/routes/, their dependencies in ai/deps.py, error handling in ai/errors.py.
Request bodies pass ai.http_limits (size, time, strict JSON) before anything reads them; the
blocking work of each route kind runs on its own bounded gate (ai.concurrency).
`python -m ai serve` serves it (ai.server: uvicorn with a request-header timeout);
`uvicorn --factory ai.main:create_app` does too, without that timeout.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ai.audit import AuditLog
from ai.concurrency import Gates, JobGate
from ai.copilot import Copilot
from ai.errors import install_error_handlers
from ai.http_limits import BodyLimits
from ai.library import QueryLibrary
from ai.llm import OllamaModel, SqlModel
from ai.metrics import instrument
from ai.model_health import ModelHealthCache
from ai.predictor import Predictor
from ai.routes import ask, health, predict, schema
from ai.routes.docs import install_docs
from ai.sandbox import Sandbox
from ai.schema_catalog import CatalogCache
from ai.semantic import SemanticReader
from ai.settings import CopilotSettings

log = logging.getLogger(__name__)

HEALTH_THREADS = 2  # threads of GET /health's checks (warehouse catalog, model probe)


def build_model(settings: CopilotSettings) -> SqlModel:
    """The model client LLM_PROVIDER chooses (Ollama, or an OpenAI-compatible server)."""
    if settings.llm_provider == "openai":
        from ai.llm_openai import OpenAICompatibleModel

        return OpenAICompatibleModel(
            settings.model_base_url,
            settings.model_name,
            settings.ollama_timeout_s,
            settings.llm_api_key,
            num_ctx=settings.llm_num_ctx,
        )
    return OllamaModel(
        settings.model_base_url,
        settings.model_name,
        settings.ollama_timeout_s,
        settings.ollama_num_ctx,
    )


def build_copilot(settings: CopilotSettings, model: SqlModel | None = None) -> Copilot:
    """Wire the copilot's parts from settings (tests pass their stand-in as `model`)."""
    return Copilot(
        model=model or build_model(settings),
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
            spill_dir=settings.layout.copilot_spill,
            spill_max=settings.copilot_spill_max,
        ),
        library=QueryLibrary(),
        semantic=SemanticReader(settings.warehouse_path),
        audit=AuditLog(settings.audit_log_path),
        max_rows=settings.copilot_max_rows,
        max_repairs=settings.copilot_max_repairs,
        model_budget_s=settings.copilot_model_budget_s,
        model_retry_s=settings.copilot_model_retry_s,
        model_hints=settings.copilot_model_hints,
        model_output=settings.copilot_model_output,
    )


@asynccontextmanager
async def stop_workers(app: FastAPI) -> AsyncIterator[None]:
    """The races POST /predict is likely asked for are scored in the background from start-up
    (ai.predictor); the sandbox's worker processes stop with the app."""
    app.state.predictor.score_ahead_in_background()
    yield
    app.state.copilot.sandbox.close()


def create_app(settings: CopilotSettings | None = None, model: SqlModel | None = None) -> FastAPI:
    settings = settings or CopilotSettings()
    app = FastAPI(
        lifespan=stop_workers,
        docs_url=None,  # served offline by ai.routes.docs
        redoc_url=None,
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
    app.state.gates = Gates(
        ask=JobGate("ask", settings.copilot_max_concurrent_asks, settings.copilot_max_queued_asks),
        predict=JobGate(
            "predict",
            settings.copilot_max_concurrent_predictions,
            settings.copilot_max_queued_predictions,
        ),
        health=JobGate("health", HEALTH_THREADS, None),
    )
    app.state.model_health = ModelHealthCache(
        app.state.copilot.model, settings.copilot_health_cache_s, settings.copilot_health_wait_s
    )
    # Middleware added first sits innermost: the body limits run inside CatchAll (a bug there
    # is a JSON 500) and the metrics (refusals are counted), before any route reads a body.
    app.add_middleware(
        BodyLimits,
        max_bytes=settings.copilot_max_body_bytes,
        timeout_s=settings.copilot_body_timeout_s,
    )
    install_error_handlers(app)
    app.include_router(ask.router)
    app.include_router(health.router)
    app.include_router(schema.router)
    app.include_router(predict.router)
    install_docs(app)
    instrument(app)
    return app
