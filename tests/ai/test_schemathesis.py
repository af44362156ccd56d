"""Property-based API tests generated from the OpenAPI schema (schemathesis), over the synthetic
warehouse. With a (scripted) model: 0 server errors and every response conforms to its documented
schema. With Ollama unreachable, a question outside the library is answered by the documented
422 `needs_llm` JSON body (a question only the model could read: a refusal, never a 5xx). No
model is trained here, so POST /predict answers its documented 503 `model_missing` (the only 5xx
of the first run; tests/ai/test_predict_api.py covers it with trained models)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from ai.main import create_app
from tests.ai.conftest import make_settings
from tests.ai.scripted_model import ScriptedModel
from tests.ai.synthetic import build_synthetic_warehouse

ROOT = Path(tempfile.mkdtemp(prefix="ai-schemathesis-"))
atexit.register(shutil.rmtree, ROOT, True)
build_synthetic_warehouse(ROOT / "warehouse" / "f1.duckdb")

APPS = [
    create_app(make_settings(ROOT)),
    create_app(make_settings(ROOT), ScriptedModel(["select driver_code from gold.fct_results"])),
]
without_model = schemathesis.openapi.from_asgi("/openapi.json", APPS[0])
with_model = schemathesis.openapi.from_asgi("/openapi.json", APPS[1]).exclude(path="/predict")


@pytest.fixture(scope="module", autouse=True)
def close_sandboxes() -> Iterator[None]:
    yield
    for app in APPS:
        app.state.copilot.sandbox.close()


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


@without_model.parametrize()
@SETTINGS
def test_api_without_ollama(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call_and_validate(excluded_checks=[not_a_server_error])
    if response.status_code >= 500:
        assert response.status_code == 503 and case.path == "/predict"
        assert response.json()["error"] == "model_missing"


@with_model.parametrize()
@SETTINGS
def test_api_with_scripted_model(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call_and_validate()
    assert response.status_code < 500
