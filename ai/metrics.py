"""Prometheus metrics of the copilot API, served at GET /metrics (scraped by monitoring/).

- `http_requests_total{handler,method,status}` and `http_request_duration_seconds{handler,method}`
  (histogram): every route, from prometheus-fastapi-instrumentator;
- `copilot_answers_total{source,outcome}`: /ask results by source (llm, library, none when nothing
  ran) and outcome (ok, rejected, needs_llm, timeout, model_unavailable, warehouse_missing, busy
  when refused past the ask queue, ...);
- `copilot_sandbox_timeouts_total`: questions whose SQL hit the sandbox's time limit;
- `copilot_model_available`: 1 when Ollama answers and has the model (probed at scrape time);
- `copilot_warehouse_age_seconds`: age of the served warehouse build (absent while none is served);
- `ml_predictions_total{outcome}`: POST /predict results (ok, race_not_found, model_missing, busy,
  ...);
- `ml_feature_psi{feature}`: drift of each model feature, the PSI of the warehouse's latest season
  against the served models' training seasons (ml.drift: < 0.1 stable, 0.1-0.25 moderate,
  > 0.25 significant), computed when the models load; with `ml_drift_season` (the season
  compared) and `ml_model_info{target,version}` (1 per served model). Absent before `ml train`.

Hooks: `instrument(app)` in the app factory; the counters and their hooks (`record_answer`,
`record_prediction`) are ai.counters, free of the HTTP framework (the pipeline counts too).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_fastapi_instrumentator import Instrumentator

from ai.counters import ANSWERS, PREDICTIONS, SANDBOX_TIMEOUTS


class ModelDrift(Collector):
    """The served models' drift gauges. A scrape picks up newer models (loading them computes
    the drift once); otherwise it only reads what the last load measured."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def collect(self) -> Iterator[Metric]:
        loaded = self.app.state.predictor.loaded_or_none()
        if loaded is None:
            return
        info = GaugeMetricFamily(
            "ml_model_info",
            "1 per model version POST /predict serves.",
            labels=["target", "version"],
        )
        for target, version in loaded.versions.items():
            info.add_metric([target, version], 1.0)
        yield info
        if loaded.drift_season is None:
            return
        yield GaugeMetricFamily(
            "ml_drift_season",
            "The season whose features ml_feature_psi compares.",
            value=float(loaded.drift_season),
        )
        psi = GaugeMetricFamily(
            "ml_feature_psi",
            "PSI of the feature over the latest season vs the models' training seasons "
            "(< 0.1 stable, 0.1-0.25 moderate shift, > 0.25 significant shift).",
            labels=["feature"],
        )
        for feature, value in loaded.psi.items():
            psi.add_metric([feature], value)
        yield psi


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
    registry.register(PREDICTIONS)
    registry.register(ServiceState(app))
    registry.register(ModelDrift(app))
    Instrumentator(registry=registry, excluded_handlers=["/metrics"]).instrument(app).expose(
        app, include_in_schema=False
    )
