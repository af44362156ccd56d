"""Start the copilot API and the dashboard on free loopback ports, drive them with playwright.

Used by the browser tests and by benchmarks/dashboard.py. Every process is started in its own
process group and stopped by that group's id (never by name).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"


def require_chromium() -> None:
    """Debian's chromium (installed by scripts/ensure_chromium.sh when missing): fail in CI,
    skip elsewhere, when it cannot be had."""
    import pytest

    from tests.conftest import IN_CI

    if not CHROMIUM.exists():
        subprocess.run(["bash", "scripts/ensure_chromium.sh"], cwd=REPO_ROOT, check=False)
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} missing (scripts/ensure_chromium.sh could not install it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Service:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


def wait_until_up(service: Service, probe: str, timeout_s: float = 90.0) -> None:
    """Poll the service's health URL until it answers 200 (or the process dies)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise RuntimeError(f"{service.name} exited early:\n{service.log_tail()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(probe, timeout=2.0).status_code == 200:
                return
        time.sleep(0.25)
    raise RuntimeError(f"{service.name} not up after {timeout_s:.0f} s:\n{service.log_tail()}")


def start(
    name: str, args: list[str], env: dict[str, str], logs: Path, repo: Path = REPO_ROOT
) -> subprocess.Popen[bytes]:
    """`python <args>` in `repo` (another checkout's code for an A/B benchmark)."""
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / f"{name}.log").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=repo,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextlib.contextmanager
def running_apps(
    data_root: Path, logs: Path, repo: Path = REPO_ROOT
) -> Iterator[tuple[Service, Service]]:
    """The copilot (library mode: OLLAMA_HOST is a closed loopback port) and the dashboard,
    run from `repo`'s code."""
    ai_port, dash_port, closed_port = free_port(), free_port(), free_port()
    ai_url, dash_url = f"http://127.0.0.1:{ai_port}", f"http://127.0.0.1:{dash_port}"
    env = {
        "EXTERNAL_DATA_ROOT": str(data_root),
        "OLLAMA_HOST": f"http://127.0.0.1:{closed_port}",
        "AI_SERVICE_URL": ai_url,
    }
    services: list[Service] = []
    try:
        ai = Service(
            "copilot",
            ai_url,
            start(
                "copilot",
                ["-m", "ai", "serve", "--host", "127.0.0.1", "--port", str(ai_port)],
                env,
                logs,
                repo,
            ),
            logs / "copilot.log",
        )
        services.append(ai)
        dash_args = ["-m", "dashboard", "serve", "--host", "127.0.0.1", "--port", str(dash_port)]
        dashboard = Service(
            "dashboard",
            dash_url,
            start("dashboard", dash_args, env, logs, repo),
            logs / "dashboard.log",
        )
        services.append(dashboard)
        wait_until_up(ai, f"{ai_url}/health")
        wait_until_up(dashboard, f"{dash_url}/_stcore/health")
        yield ai, dashboard
    finally:
        for service in reversed(services):
            service.stop()


@contextlib.contextmanager
def chromium_page(width: int = 1500, height: int = 1000) -> Iterator[Any]:
    """A playwright page in Debian's chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()


def wait_for_app(page: Any) -> None:
    """Wait until Streamlit finished the current run (no 'running' status widget)."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const running = document.querySelector('[data-testid="stStatusWidget"]');
            const main = document.querySelectorAll('[data-testid="stMain"] *');
            return app && !running && main.length > 20;
        }"""
    )


def open_page(page: Any, url: str, ready_selector: str) -> None:
    """The app's first page: a cold server (first queries, plotly's bundle) on a CI host running
    two test workers can take longer than a later page, so this one wait is longer."""
    page.goto(url)
    page.wait_for_selector(ready_selector, state="visible", timeout=180_000)
    wait_for_app(page)
    wait_for_charts(page)


def wait_for_charts(page: Any) -> None:
    """Wait until every plotly chart on the page has drawn its SVG."""
    page.wait_for_function(
        """() => {
            const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
            return Array.from(charts).every(c => c.querySelector('.main-svg'));
        }"""
    )


def wait_for_tables(page: Any) -> None:
    """Wait until every dataframe has drawn its rows (glide grid renders lazily)."""
    page.wait_for_function(
        """() => {
            const frames = document.querySelectorAll('[data-testid="stDataFrame"]');
            const hidden = f => !f.checkVisibility();  // inactive tab, collapsed expander
            return Array.from(frames).every(
                f => hidden(f) || f.querySelector('tr[aria-rowindex="2"]'));
        }"""
    )


def screenshot_full(page: Any, path: Path) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main block, so grow the
    viewport to the content height first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    height = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return main ? main.scrollHeight : document.body.scrollHeight;
        }"""
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height)})
    wait_for_charts(page)
    wait_for_tables(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
