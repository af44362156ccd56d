"""Dashboard benchmark: a visitor's time to the first chart of each page in a real browser.

Starts the copilot (library mode) and the dashboard on free loopback ports over a data root's
warehouse, then opens every page in headless chromium (Debian's /usr/bin/chromium, --no-sandbox)
and times navigation -> the page's first chart drawn (a plotly SVG; the question box on the
copilot page; a page with nothing to draw: its empty state), then -> the page complete
(Streamlit's run finished, every chart drawn). It waits on Streamlit's elements only, never on
fixed sleeps.

- new visitor: a FRESH browser context per visit (no cached JS/CSS, a new Streamlit session);
- returning visitor: one context whose browser cache is warm, a new Streamlit session per load.

The first visit after the server started (imports, cold query caches) is reported on its own;
then every page is warmed once (each page's queries cached, as for any visitor after the first),
and the figures are the median (p50) of --repeat visits. Target: p50 <= 2 s for a new visitor,
<= 1 s returning. The machine's load average is printed with the figures.

Usage: .venv/bin/python benchmarks/dashboard.py [--data-root ROOT] [--repeat 3]
       [--screenshots test-artifacts/dashboard]   (a full-page PNG of every page, after timing)
ROOT must hold a built warehouse (`make gold`); default: EXTERNAL_DATA_ROOT.
"""

from __future__ import annotations

import argparse
import os
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
    screenshot_full,
    wait_for_app,
    wait_for_charts,
)

NEW_VISITOR_TARGET_S = 2.0
RETURNING_TARGET_S = 1.0
CHART = '[data-testid="stPlotlyChart"] .main-svg, [data-testid="stAlert"]'  # or its empty state
PAGES = {
    "overview": ("/", CHART),
    "race": ("/race", CHART),
    "compare": ("/compare", CHART),
    "season": ("/season", CHART),
    "history": ("/history", CHART),
    "predictions": ("/predictions", CHART),
    "copilot": ("/copilot", "textarea"),
}


def timed_load(page: Any, url: str, ready: str) -> tuple[float, float]:
    """Seconds from navigation to the first chart drawn, and to the page complete."""
    started = time.perf_counter()
    page.goto(url)
    page.locator(ready).first.wait_for(state="visible")
    first = time.perf_counter() - started
    wait_for_app(page)
    wait_for_charts(page)
    return first, time.perf_counter() - started


def fresh_visit(browser: Any, url: str, ready: str) -> tuple[float, float]:
    """A brand-new visitor: fresh browser context, so no cached JS/CSS either."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        return timed_load(page, url, ready)
    finally:
        context.close()


def report(title: str, target: float, timings: dict[str, list[tuple[float, float]]]) -> None:
    print(title)
    print(f"  {'page':<12} {'first chart p50':>15} {'max':>6} {'complete p50':>13}  verdict")
    for name, samples in timings.items():
        first = statistics.median(s[0] for s in samples)
        complete = statistics.median(s[1] for s in samples)
        worst = max(s[0] for s in samples)
        verdict = "ok" if first <= target else "SLOW"
        print(f"  {name:<12} {first:>13.2f} s {worst:>5.2f} {complete:>11.2f} s  {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated subset")
    parser.add_argument(
        "--screenshots", type=Path, default=None, help="save a full-page PNG of each page here"
    )
    args = parser.parse_args()
    root = (args.data_root or DashboardSettings().external_data_root).absolute()
    if not (root / "warehouse" / "f1.duckdb").is_file():
        print(f"no warehouse under {root}: run `make gold` first", file=sys.stderr)
        return 2
    pages = {name: PAGES[name] for name in args.pages.split(",")}
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    with (
        tempfile.TemporaryDirectory() as logs,
        running_apps(root, Path(logs)) as (_ai, dash),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        cold = fresh_visit(browser, dash.url + "/", PAGES["overview"][1])
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(120_000)
        for path, ready in pages.values():  # warm: every page's queries cached once
            timed_load(page, dash.url + path, ready)
        new_visitor: dict[str, list[tuple[float, float]]] = {name: [] for name in pages}
        returning: dict[str, list[tuple[float, float]]] = {name: [] for name in pages}
        for _ in range(args.repeat):
            for name, (path, ready) in pages.items():
                new_visitor[name].append(fresh_visit(browser, dash.url + path, ready))
                returning[name].append(timed_load(page, dash.url + path, ready))
        if args.screenshots is not None:
            for name, (path, ready) in pages.items():
                timed_load(page, dash.url + path, ready)
                screenshot_full(page, args.screenshots / f"{name}.png")
        context.close()
        browser.close()
    load_after = os.getloadavg()

    print(f"data root: {root} · {args.repeat} visits per page · {os.cpu_count()} cores")
    print(
        f"load average (1/5/15 min) before {load_before[0]:.1f}/{load_before[1]:.1f}/"
        f"{load_before[2]:.1f}, after {load_after[0]:.1f}/{load_after[1]:.1f}/{load_after[2]:.1f}"
    )
    print(f"cold first visit after the server started (overview): {cold[0]:.2f} s first chart")
    report(
        f"new visitor (fresh browser context; target p50 <= {NEW_VISITOR_TARGET_S:.0f} s):",
        NEW_VISITOR_TARGET_S,
        new_visitor,
    )
    report(
        f"returning visitor (warm browser cache; target p50 <= {RETURNING_TARGET_S:.0f} s):",
        RETURNING_TARGET_S,
        returning,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
