"""Fixtures of the dashboard tests: the real warehouse as the app's data root, and Fast-F1
loaded offline from a temp COPY of the real cache (the reference the pages must agree with)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import latest_session_with_laps, require_shared_cache
from tests.dashboard.servers import Service, free_port, start, wait_until_up

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
__all__ = ["APP", "latest_session_with_laps"]


@pytest.fixture
def app_env(real_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the in-process app at the real warehouse; the copilot URL is a closed port."""
    root = real_warehouse.parents[1]
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(root))
    monkeypatch.setenv("AI_SERVICE_URL", f"http://127.0.0.1:{free_port()}")
    return root


@pytest.fixture(scope="session")
def fastf1_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Any]]:
    """load(season, round, code) -> a Fast-F1 Session loaded offline (laps + messages)."""
    from tests.ingestion.fastf1_reference import open_reference_cache

    source = require_shared_cache("all")
    open_reference_cache(source, tmp_path_factory.mktemp("fastf1-reference-cache"))
    import fastf1

    loaded: dict[tuple[int, int, str], Any] = {}

    def load(season: int, round_number: int, code: str) -> Any:
        if (season, round_number, code) not in loaded:
            session = fastf1.get_session(season, round_number, code)
            session.load(laps=True, telemetry=False, weather=False, messages=True)
            loaded[(season, round_number, code)] = session
        return loaded[(season, round_number, code)]

    yield load


def lap_ms(value: Any) -> int:
    """A Fast-F1 Timedelta as whole milliseconds (as the warehouse rounds them)."""
    return round(value.total_seconds() * 1000)


def plotly_values(value: Any) -> list[Any]:
    """A trace's x / y as a list: plotly ships numeric arrays as {dtype, bdata} (base64)."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.tolist()
    return list(value or [])


def chart_traces(chart: Any) -> list[dict[str, Any]]:
    """The traces of an AppTest plotly_chart element, x and y decoded to lists."""
    import json

    figure = json.loads(chart.proto.spec)
    return [
        {**trace, "x": plotly_values(trace.get("x")), "y": plotly_values(trace.get("y"))}
        for trace in figure["data"]
    ]


@pytest.fixture
def library_copilot(
    app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """`python -m ai serve` in library mode (OLLAMA_HOST is a closed loopback port)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"EXTERNAL_DATA_ROOT": str(app_env), "OLLAMA_HOST": f"http://127.0.0.1:{free_port()}"}
    args = ["-m", "ai", "serve", "--host", "127.0.0.1", "--port", str(port)]
    service = Service(
        "copilot", url, start("copilot", args, env, tmp_path), tmp_path / "copilot.log"
    )
    try:
        wait_until_up(service, f"{url}/health")
        monkeypatch.setenv("AI_SERVICE_URL", url)
        yield url
    finally:
        service.stop()
