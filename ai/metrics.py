"""Prometheus metrics of the copilot API, served at GET /metrics (scraped by monitoring/).

- `http_requests_total{handler,method,status}` and `http_request_duration_seconds{handler,method}`
  (histogram): every route, from prometheus-fastapi-instrumentator;
- `copilot_answers_total{source,outcome}`: /ask results by source (llm, library, none when nothing
  ran) and outcome (ok, rejected, needs_llm, timeout, model_unavailable, warehouse_missing, ...);
- `copilot_sandbox_timeouts_total`: questions whose SQL hit the sandbox's time limit;
- `copilot_model_available`: 1 when Ollama answers and has the model (probed at scrape time);
- `copilot_warehouse_age_seconds`: age of the served warehouse build (absent while none is served).

Hooks: `instrument(app)` in the app factory, `record_answer(source, outcome)` once per question.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Counter
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_fastapi_instrumentator import Instrumentator

# Process-wide counters (one registry per app registers them, so test apps do not clash).
ANSWERS = Counter(
    "copilot_answers",
    "Answers to /ask by source (llm, library, none) and outcome (ok or the error code).",
    ["source", "outcome"],
    registry=None,
)
SANDBOX_TIMEOUTS = Counter(
    "copilot_sandbox_timeouts",
    "Questions whose validated SQL ran past the sandbox's query timeout.",
    registry=None,
)
for _source in ("llm", "library"):  # the main series exist (at 0) before the first question
    ANSWERS.labels(source=_source, outcome="ok")


def record_answer(source: str | None, outcome: str) -> None:
    """Count one /ask result (called once per question, answered or not)."""
    ANSWERS.labels(source=source or "none", outcome=outcome).inc()
    if outcome == "timeout":
        SANDBOX_TIMEOUTS.inc()


class ServiceState(Collector):
    """Gauges read when Prometheus scrapes: model availability and the warehouse's build age."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def collect(self) -> Iterator[Metric]:
        health = self.app.state.copilot.model.health()
        yield GaugeMetricFamily(
            "copilot_model_available",
            "1 when the Ollama server answers and holds the configured model, else 0.",
            value=1.0 if health.reachable and health.model_present else 0.0,
        )
        warehouse: Path = self.app.state.settings.warehouse_path
        try:
            built = warehouse.stat().st_mtime
        except OSError:
            return
        yield GaugeMetricFamily(
            "copilot_warehouse_age_seconds",
            "Seconds since the served warehouse file was built (swapped in).",
            value=max(0.0, time.time() - built),
        )


def instrument(app: FastAPI) -> None:
    """Per-route request metrics plus the copilot's own, exposed at /metrics (not in OpenAPI)."""
    registry = CollectorRegistry()
    registry.register(ANSWERS)
    registry.register(SANDBOX_TIMEOUTS)
    registry.register(ServiceState(app))
    Instrumentator(registry=registry, excluded_handlers=["/metrics"]).instrument(app).expose(
        app, include_in_schema=False
    )
