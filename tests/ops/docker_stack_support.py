"""The compose stack under test (tests/ops/test_docker_stack.py): the project name, the uid the
containers run as, what each image must and must not hold, and `Stack`, which drives make,
compose and the containers of one run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import IN_CI
from tests.ops.ops_support import REPO_ROOT, tool

# A non-root uid other than the caller's when root runs the tests (make docker-demo hands the data
# root to it); a non-root caller's own uid otherwise.
UID = 4242 if os.getuid() == 0 else os.getuid()
PROJECT = f"f1test{os.getpid()}"
IMAGES = ("ingestion", "dbt", "ml", "ai", "dashboard")
# Modules each image must hold / must not hold (only its own Poetry group, no installers).
# The ai image holds sklearn too (POST /predict unpickles the ml models), which FOREIGN allows.
OWN = {
    "ingestion": "fastf1",
    "dbt": "dbt",
    "ml": "sklearn",
    "ai": "prometheus_client",
    "dashboard": "streamlit",
}
FOREIGN = ("fastf1", "dbt", "fastapi", "streamlit", "pip", "poetry", "pytest")
QUESTION = "Who won the 2024 Bahrain Grand Prix?"
WINNER = """
import shutil, sys, tempfile, fastf1
from pathlib import Path
from ingestion.loader import use_fastf1_cache
tmp = Path(tempfile.mkdtemp()) / "cache"
shutil.copytree(sys.argv[1], tmp)
use_fastf1_cache(tmp, offline=True)
fastf1.set_log_level("ERROR")
session = fastf1.get_session(2024, "Bahrain Grand Prix", "R")
session.load(laps=False, telemetry=False, weather=False, messages=False)
results = session.results.sort_values("Position")
print(results.iloc[0]["Abbreviation"], results.iloc[0]["LastName"])
shutil.rmtree(tmp.parent)
"""


def require_engine() -> None:
    if (
        shutil.which("docker") is None
        or subprocess.run(["docker", "info"], capture_output=True).returncode
    ):
        message = "no Docker engine answers (`bash scripts/ci_docker.sh start` starts one)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def report(config: pytest.Config, line: str) -> None:
    """A line in the test run's output (image sizes, build times), captured or not."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"docker: {line}")


class Stack:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root, self.env = root, env
        self.copilot = f"http://127.0.0.1:{env['COPILOT_PORT']}"
        self.dashboard = f"http://127.0.0.1:{env['DASHBOARD_PORT']}"
        self.output = ""

    def compose(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(tool("docker-compose")), *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert not check or result.returncode == 0, result.stdout + result.stderr
        return result

    def make(self, *args: str, log: Path) -> subprocess.CompletedProcess[str]:
        with log.open("w") as out:
            done = subprocess.run(
                ["make", *args],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=2000,
            )
        self.output = log.read_text()
        return done

    def containers(self, all_: bool = False) -> list[dict[str, Any]]:
        ids = subprocess.run(
            [
                "docker",
                "ps",
                "-q",
                *(["-a"] if all_ else []),
                "--filter",
                f"label=com.docker.compose.project={PROJECT}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if not ids:
            return []
        inspected = subprocess.run(
            ["docker", "inspect", *ids], capture_output=True, text=True, check=True
        )
        return list(json.loads(inspected.stdout))

    def service(self, name: str) -> dict[str, Any]:
        found = [
            c
            for c in self.containers(all_=True)
            if c["Config"]["Labels"].get("com.docker.compose.service") == name
        ]
        assert len(found) == 1, f"{name}: {len(found)} containers"
        return found[0]

    def ask(self, question: str) -> httpx.Response:
        return httpx.post(f"{self.copilot}/ask", json={"question": question}, timeout=120)
