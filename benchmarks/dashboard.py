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


def timed_load(page: Any, url: str, ready: str) -> float:
    """Seconds from navigation to the page drawn (a full load = a new Streamlit session)."""
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(ready, state="visible")
    wait_for_app(page)
    wait_for_charts(page)
    return time.perf_counter() - started


def first_render(browser: Any, url: str, ready: str) -> float:
    """A brand-new visitor: fresh browser context, so no cached JS/CSS either."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        return timed_load(page, url, ready)
    finally:
        context.close()


def report(title: str, timings: dict[str, list[float]]) -> None:
    print(title)
    print(f"  {'page':<10} {'median s':>9} {'max s':>7} {'median/target':>14}  verdict")
    for name, samples in timings.items():
        median = statistics.median(samples)
        verdict = "ok" if median <= TARGET_S else "SLOW"
        ratio = median / TARGET_S
        print(f"  {name:<10} {median:>9.2f} {max(samples):>7.2f} {ratio:>14.2f}  {verdict}")


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
        new_visitor: dict[str, list[float]] = {name: [] for name in PAGES}
        returning: dict[str, list[float]] = {name: [] for name in PAGES}
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(120_000)
        timed_load(page, dash.url + "/", PAGES["overview"][1])  # fills the browser cache
        for _ in range(args.repeat):
            for name, (path, ready) in PAGES.items():
                new_visitor[name].append(first_render(browser, dash.url + path, ready))
                returning[name].append(timed_load(page, dash.url + path, ready))
        context.close()
        browser.close()

    print(f"data root: {root} · target {TARGET_S:.0f} s · {args.repeat} visits per page")
    print(f"cold first visit after the server started (overview): {cold:.2f} s")
    report("new visitor (fresh browser context: downloads Streamlit's JS too):", new_visitor)
    report("returning visitor (browser cache warm, new Streamlit session each load):", returning)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
