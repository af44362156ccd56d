"""`/docs` works offline: in Chromium with every non-loopback request blocked, Swagger UI
draws the copilot's operations from assets the copilot serves itself."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.dashboard.servers import (
    ARTIFACTS,
    CHROMIUM,
    Service,
    chromium_page,
    free_port,
    start,
    wait_until_up,
)

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_without_network(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} missing (scripts/ensure_chromium.sh)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"EXTERNAL_DATA_ROOT": str(tmp_path), "OLLAMA_HOST": f"http://127.0.0.1:{free_port()}"}
    args = ["-m", "ai", "serve", "--host", "127.0.0.1", "--port", str(port)]
    service = Service("copilot", url, start("copilot", args, env, tmp_path), tmp_path / "c.log")
    blocked: list[str] = []
    try:
        wait_until_up(service, f"{url}/openapi.json")
        with chromium_page() as page:

            def only_loopback(route: object) -> None:
                request = route.request  # type: ignore[attr-defined]
                if urlparse(request.url).hostname in ("127.0.0.1", "localhost"):
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    blocked.append(request.url)
                    route.abort()  # type: ignore[attr-defined]

            page.route("**/*", only_loopback)
            page.goto(f"{url}/docs")
            page.wait_for_selector(".swagger-ui .opblock-summary-path", state="visible")
            paths = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "api-docs.png"), full_page=True)
    finally:
        service.stop()
    assert "/ask" in [p.strip() for p in paths], paths
    assert not blocked, f"/docs asked the network for {blocked}"
