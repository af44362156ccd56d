"""`python -m dashboard serve`: help, bad input, and the streamlit command it runs."""

from __future__ import annotations

import subprocess
import sys

from dashboard.__main__ import APP, streamlit_command
from tests.conftest import REPO_ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_help_explains_every_option() -> None:
    result = run("serve", "--help")
    assert result.returncode == 0
    assert "--host" in result.stdout and "--port" in result.stdout
    assert "DASHBOARD_PORT" in result.stdout


def test_bad_port_is_a_usage_error_without_traceback() -> None:
    result = run("serve", "--port", "70000")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--port" in result.stderr and "65535" in result.stderr


def test_serves_the_app_headless_on_the_given_address() -> None:
    command = streamlit_command("127.0.0.1", 8765)
    assert command[1:5] == ["-m", "streamlit", "run", str(APP)]
    assert "--server.address=127.0.0.1" in command
    assert "--server.port=8765" in command
    assert "--server.headless=true" in command
    assert "--browser.gatherUsageStats=false" in command
    assert "--server.fileWatcherType=none" in command  # no source watching when serving
