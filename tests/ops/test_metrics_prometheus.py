"""Monitoring end to end: Debian's prometheus scrapes the natively running copilot (`python -m ai
serve`, its model the Ollama stand-in) with monitoring/prometheus.yml; after a few questions every
PromQL expression of the Grafana dashboard (monitoring/grafana/dashboards/copilot.json) returns
data, and the copilot's own series count what was asked.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml

from tests.ai.synthetic import build_synthetic_warehouse
from tests.conftest import IN_CI
from tests.ollama_standin import StandIn, serve
from tests.ops.ops_support import REPO_ROOT, free_port

pytestmark = pytest.mark.timeout(300)

DASHBOARD = REPO_ROOT / "monitoring" / "grafana" / "dashboards" / "copilot.json"
# Grafana's interval variables, as Grafana would expand them for a short time range.
GRAFANA_VARIABLES = {"$__rate_interval": "30s", "$__range": "5m", "$__interval": "5s"}
LIBRARY_QUESTION = "Who won the Bahrain Grand Prix 2024?"


def wait_for(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{what} exited {process.returncode}"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{what} did not answer at {url}")


def dashboard_expressions() -> list[str]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [t["expr"] for p in panels for t in p.get("targets", []) if t.get("expr")]


def query(prometheus: str, expr: str) -> list[dict[str, Any]]:
    for name, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(name, value)
    body = httpx.get(f"{prometheus}/api/v1/query", params={"query": expr}, timeout=10).json()
    assert body["status"] == "success", (expr, body)
    return [r for r in body["data"]["result"] if not math.isnan(float(r["value"][1]))]


@pytest.fixture(scope="module")
def monitored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    binary = shutil.which("prometheus")
    if binary is None:
        message = "Debian's prometheus missing (apt-get install -y prometheus; .ci/run does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("monitoring")
    root = tmp / "data"
    build_synthetic_warehouse(root / "warehouse" / "f1.duckdb")
    api_port, prom_port = free_port(), free_port()
    # The repo's scrape config, pointed at the native copilot and scraping every second.
    config = yaml.safe_load((REPO_ROOT / "monitoring" / "prometheus.yml").read_text())
    config["global"]["scrape_interval"] = "1s"
    (job,) = config["scrape_configs"]
    job["static_configs"][0]["targets"] = [f"127.0.0.1:{api_port}"]
    (tmp / "prometheus.yml").write_text(yaml.safe_dump(config))
    shutil.copy(REPO_ROOT / "monitoring" / "alerts.yml", tmp / "alerts.yml")  # its rule_files
    StandIn.reset()
    with serve() as ollama:
        env = {**os.environ, "EXTERNAL_DATA_ROOT": str(root), "OLLAMA_HOST": ollama}
        api = subprocess.Popen(
            [sys.executable, "-m", "ai", "serve", "--host", "127.0.0.1", "--port", str(api_port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        prometheus = subprocess.Popen(
            [
                binary,
                f"--config.file={tmp / 'prometheus.yml'}",
                f"--storage.tsdb.path={tmp / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{prom_port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=(tmp / "prometheus.log").open("wb"),
        )
        try:
            urls = {"api": f"http://127.0.0.1:{api_port}", "prom": f"http://127.0.0.1:{prom_port}"}
            wait_for(f"{urls['api']}/health", api, "copilot")
            wait_for(f"{urls['prom']}/-/ready", prometheus, "prometheus")
            yield urls
        finally:
            for process in (api, prometheus):
                process.terminate()
                process.wait(timeout=30)
            StandIn.reset()


def ask_a_few_questions(api: str) -> dict[str, int]:
    """Questions spread over a few scrapes: model answers, library fallbacks, a rejected SQL."""
    counts = {"llm": 0, "library": 0, "rejected": 0}
    for _ in range(4):
        assert (
            httpx.post(f"{api}/ask", json={"question": "List the drivers"}, timeout=60).json()[
                "source"
            ]
            == "llm"
        )
        counts["llm"] += 1
        StandIn.replies = ["not json at all"] * 3  # model output unusable -> library answers
        answer = httpx.post(f"{api}/ask", json={"question": LIBRARY_QUESTION}, timeout=60).json()
        assert answer["source"] == "library", answer
        counts["library"] += 1
        StandIn.replies = [json.dumps({"sql": "drop table gold.dim_drivers"})] * 3
        rejected = httpx.post(f"{api}/ask", json={"question": "Break the lake"}, timeout=60)
        assert rejected.json()["error"] == "rejected", rejected.text
        counts["rejected"] += 1
        StandIn.replies = []
        httpx.get(f"{api}/health", timeout=10)
        time.sleep(1.2)
    return counts


def test_every_dashboard_expression_returns_data_from_the_scraped_copilot(
    monitored: dict[str, str],
) -> None:
    counts = ask_a_few_questions(monitored["api"])
    expressions = dashboard_expressions()
    assert len(expressions) >= 9
    empty: list[str] = expressions
    deadline = time.monotonic() + 60
    while empty and time.monotonic() < deadline:
        time.sleep(1)
        empty = [e for e in expressions if not query(monitored["prom"], e)]
    assert not empty, f"no data for: {empty}"

    def value(expr: str) -> float:
        (series,) = query(monitored["prom"], expr)
        return float(series["value"][1])

    answers = 'copilot_answers_total{job="copilot"'
    assert value(f'sum({answers},source="llm",outcome="ok"}})') == counts["llm"]
    assert value(f'sum({answers},source="library",outcome="ok"}})') == counts["library"]
    assert value(f'sum({answers},outcome="rejected"}})') == counts["rejected"]
    assert value('copilot_model_available{job="copilot"}') == 1.0
    # The fixture built the warehouse a moment ago.
    assert 0 <= value('copilot_warehouse_age_seconds{job="copilot"}') < 600
    asks = 'sum(http_requests_total{job="copilot",handler="/ask"})'
    assert value(asks) == sum(counts.values())
