"""The alert rules (monitoring/alerts.yml): `promtool check rules` loads them, `promtool test
rules` runs their unit tests (monitoring/alerts.test.yml: every alert fires on a crafted series,
and not on a healthy one), and a real Prometheus, with the repo's scrape config and rules,
fires MlFeatureDrift on a crafted /metrics page where three features drifted."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import IN_CI
from tests.ops.ops_support import REPO_ROOT, free_port

pytestmark = pytest.mark.timeout(180)

MONITORING = REPO_ROOT / "monitoring"
DRIFTED = (
    'ml_feature_psi{feature="grid_slot"} 0.02\n'
    'ml_feature_psi{feature="driver_prior_starts"} 0.51\n'
    'ml_feature_psi{feature="team_points_last5"} 0.30\n'
    'ml_feature_psi{feature="qualifying_gap_to_pole_pct"} 0.39\n'
)


def binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"Debian's prometheus missing ({name}; apt-get install -y prometheus)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_promtool_checks_and_unit_tests_the_rules() -> None:
    promtool = binary("promtool")
    check = subprocess.run(
        [promtool, "check", "rules", "alerts.yml"],
        cwd=MONITORING,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "4 rules found" in check.stdout
    unit = subprocess.run(
        [promtool, "test", "rules", "alerts.test.yml", "alerts_days.test.yml"],
        cwd=MONITORING,
        capture_output=True,
        text=True,
        check=False,
    )
    assert unit.returncode == 0, unit.stdout + unit.stderr


@pytest.fixture
def metrics_page() -> Iterator[int]:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = DRIFTED.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def test_real_prometheus_fires_drift_alert(metrics_page: int, tmp_path: Path) -> None:
    prometheus = binary("prometheus")
    config = yaml.safe_load((MONITORING / "prometheus.yml").read_text())
    config["global"].update(scrape_interval="1s", evaluation_interval="1s")
    (job,) = config["scrape_configs"]
    job["static_configs"][0]["targets"] = [f"127.0.0.1:{metrics_page}"]
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
    rules = yaml.safe_load((MONITORING / "alerts.yml").read_text())
    for rule in rules["groups"][0]["rules"]:
        rule["for"] = "2s"  # the repo's expressions; only the hold time is shortened
    (tmp_path / "alerts.yml").write_text(yaml.safe_dump(rules))
    port = free_port()
    process = subprocess.Popen(
        [
            prometheus,
            f"--config.file={tmp_path / 'prometheus.yml'}",
            f"--storage.tsdb.path={tmp_path / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "prometheus.log").open("wb"),
    )
    try:
        firing: list[dict] = []
        deadline = time.monotonic() + 60
        while not firing and time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "prometheus.log").read_text()[-2000:]
            time.sleep(1)
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/v1/alerts", timeout=5).json()
            except httpx.HTTPError:
                continue
            alerts = body["data"]["alerts"]
            firing = [a for a in alerts if a["state"] == "firing"]
        assert [a["labels"]["alertname"] for a in firing] == ["MlFeatureDrift"]
        assert firing[0]["annotations"]["summary"] == "3 model features drifted (PSI > 0.25)"
    finally:
        process.terminate()
        process.wait(timeout=30)
