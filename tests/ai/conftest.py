"""Fixtures of the copilot tests: a synthetic warehouse (fast) and API clients over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ai.llm import SqlModel
from ai.main import create_app
from ai.settings import CopilotSettings
from tests.ai.scripted_model import ScriptedModel
from tests.ai.synthetic import build_synthetic_warehouse

ClientFactory = Callable[..., TestClient]


@pytest.fixture(scope="session")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ai-synthetic-root")
    build_synthetic_warehouse(root / "warehouse" / "f1.duckdb")
    return root


def make_settings(root: Path, **overrides: object) -> CopilotSettings:
    values: dict[str, object] = {
        "external_data_root": root,
        "ollama_host": "http://127.0.0.1:9",  # nothing listens on the discard port
        "ollama_timeout_s": 2.0,
        "copilot_query_timeout_s": 1.0,
        "copilot_max_rows": 100,
        **overrides,
    }
    return CopilotSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def client_for() -> Iterator[ClientFactory]:
    """client_for(root, model=None, **settings) -> TestClient (model None = real Ollama client);
    the sandbox worker processes of every app made stop after the test."""
    made: list[TestClient] = []

    def factory(root: Path, model: SqlModel | None = None, **overrides: object) -> TestClient:
        made.append(TestClient(create_app(make_settings(root, **overrides), model=model)))
        return made[-1]

    yield factory
    for client in made:
        client.app.state.copilot.sandbox.close()  # type: ignore[attr-defined]


@pytest.fixture
def scripted() -> Callable[..., ScriptedModel]:
    return ScriptedModel


@pytest.fixture(scope="module")
def library_client(real_warehouse: Path) -> Iterator[TestClient]:
    """The API in library mode (model unavailable) over the real warehouse."""
    settings = CopilotSettings(external_data_root=real_warehouse.parent.parent)
    with TestClient(create_app(settings, ScriptedModel(["x"], available=False))) as client:
        yield client
