"""Dashboard benchmark: first-render time of each page in a real browser (target <= 3 s).

Starts the copilot (library mode) and the dashboard on free loopback ports over a data root's
warehouse, then opens every page in a FRESH browser context (a new visitor: new Streamlit
session, empty widget state) and times navigation -> page content drawn (tables visible and every
plotly chart's SVG rendered). The first visit after the server starts (imports, cold caches) is
reported separately from the per-page numbers (median of --repeat fresh visits).

Usage: .venv/bin/python benchmarks/dashboard.py [--data-root ROOT] [--repeat 3]
ROOT must hold a built warehouse (`make gold`); default: EXTERNAL_DATA_ROOT.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dashboard.settings import DashboardSettings
from tests.dashboard.servers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    running_apps,
    wait_for_app,
    wait_for_charts,
)

TARGET_S = 3.0
PAGES = {
    "overview": ("/", '[data-testid="stDataFrame"]'),
    "race": ("/race", '[data-testid="stPlotlyChart"] .main-svg'),
    "compare": ("/compare", '[data-testid="stPlotlyChart"] .main-svg'),
    "copilot": ("/copilot", "textarea"),
}


def first_render(browser: Any, url: str, ready: str) -> float:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(ready, state="visible")
        wait_for_app(page)
        wait_for_charts(page)
        return time.perf_counter() - started
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = (args.data_root or DashboardSettings().external_data_root).absolute()
    if not (root / "warehouse" / "f1.duckdb").is_file():
        print(f"no warehouse under {root}: run `make gold` first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory() as logs,
        running_apps(root, Path(logs)) as (_ai, dash),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        cold = first_render(browser, dash.url + "/", PAGES["overview"][1])
        timings: dict[str, list[float]] = {name: [] for name in PAGES}
        for _ in range(args.repeat):
            for name, (path, ready) in PAGES.items():
                timings[name].append(first_render(browser, dash.url + path, ready))
        browser.close()

    print(f"data root: {root}")
    print(f"cold first visit after server start (overview): {cold:.2f} s")
    print(f"{'page':<10} {'median s':>9} {'max s':>7} {'median/target':>14}  verdict")
    for name, samples in timings.items():
        median = statistics.median(samples)
        verdict = "ok" if median <= TARGET_S else "SLOW"
        print(
            f"{name:<10} {median:>9.2f} {max(samples):>7.2f} {median / TARGET_S:>14.2f}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
