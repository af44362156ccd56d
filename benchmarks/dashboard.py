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

With --baseline DIR (another checkout, e.g. `git worktree add --detach DIR <commit>`), the same
visits go alternately to DIR's dashboard and to this one, over the same data root in the same
run, and the ratios this ÷ baseline are printed: on a shared machine the load moves between
runs, the ratio far less.

Usage: .venv/bin/python benchmarks/dashboard.py [--data-root ROOT] [--repeat 3]
       [--baseline DIR] [--pages overview,race]
       [--screenshots test-artifacts/dashboard]   (a full-page PNG of every page, after timing)
ROOT must hold a built warehouse (`make gold`); default: EXTERNAL_DATA_ROOT.
"""

from __future__ import annotations

import argparse
import contextlib
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
# the first chart drawn, or a page's empty state (st.info; a warning above a chart is not one)
CHART = '[data-testid="stPlotlyChart"] .main-svg, [data-testid="stAlertContentInfo"]'
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
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    started = time.perf_counter()
    page.goto(url)
    try:
        page.locator(ready).first.wait_for(state="visible")
    except PlaywrightTimeout:
        raise SystemExit(f"{url}: nothing drawn ({ready}) after 120 s") from None
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


Timings = dict[str, list[tuple[float, float]]]


class Site:
    """One dashboard under test: its URL, a warm browser context (returning visitor) and the
    samples taken from it."""

    def __init__(self, browser: Any, url: str, pages: dict[str, tuple[str, str]]) -> None:
        self.browser, self.url, self.pages = browser, url, pages
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)
        self.new_visitor: Timings = {name: [] for name in pages}
        self.returning: Timings = {name: [] for name in pages}

    def warm(self) -> None:
        """Every page's queries cached once (as for any visitor after the first)."""
        for path, ready in self.pages.values():
            timed_load(self.page, self.url + path, ready)

    def visit(self, name: str) -> None:
        path, ready = self.pages[name]
        self.new_visitor[name].append(fresh_visit(self.browser, self.url + path, ready))
        self.returning[name].append(timed_load(self.page, self.url + path, ready))


def p50(samples: list[tuple[float, float]]) -> float:
    return statistics.median(s[0] for s in samples)


def report_ratios(site: Site, baseline: Site) -> None:
    print("this ÷ baseline, first chart p50 (same run, visits alternated):")
    for name in site.pages:
        new = p50(site.new_visitor[name]) / p50(baseline.new_visitor[name])
        back = p50(site.returning[name]) / p50(baseline.returning[name])
        print(f"  {name:<12} new visitor {new:5.2f}   returning {back:5.2f}")


def report(title: str, target: float, timings: Timings) -> None:
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
        "--baseline", type=Path, default=None, help="another checkout to time in the same run"
    )
    parser.add_argument(
        "--screenshots", type=Path, default=None, help="save a full-page PNG of each page here"
    )
    args = parser.parse_args()
    root = (args.data_root or DashboardSettings().external_data_root).absolute()
    if not (root / "warehouse" / "f1.duckdb").is_file():
        print(f"no warehouse under {root}: run `make gold` first", file=sys.stderr)
        return 2
    if args.baseline is not None and not (args.baseline / "dashboard" / "app.py").is_file():
        print(f"{args.baseline} is not a checkout of this repository", file=sys.stderr)
        return 2
    unknown = set(args.pages.split(",")) - set(PAGES)
    if unknown:
        print(f"unknown page(s) {', '.join(sorted(unknown))}; pages: {', '.join(PAGES)}")
        return 2
    pages = {name: PAGES[name] for name in args.pages.split(",")}
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    with contextlib.ExitStack() as stack:
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        _ai, dash = stack.enter_context(running_apps(root, logs / "this"))
        base = None
        if args.baseline is not None:
            _base_ai, base = stack.enter_context(
                running_apps(root, logs / "baseline", args.baseline.absolute())
            )
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        cold = fresh_visit(browser, dash.url + "/", PAGES["overview"][1])
        sites = [Site(browser, dash.url, pages)]
        if base is not None:
            fresh_visit(browser, base.url + "/", PAGES["overview"][1])
            sites.append(Site(browser, base.url, pages))
        for site in sites:
            site.warm()
        for _ in range(args.repeat):
            for name in pages:
                for site in sites:
                    site.visit(name)
        if args.screenshots is not None:
            for name, (path, ready) in pages.items():
                timed_load(sites[0].page, dash.url + path, ready)
                screenshot_full(sites[0].page, args.screenshots / f"{name}.png")
        browser.close()
    load_after = os.getloadavg()

    print(f"data root: {root} · {args.repeat} visits per page · {os.cpu_count()} cores")
    print(
        f"load average (1/5/15 min) before {load_before[0]:.1f}/{load_before[1]:.1f}/"
        f"{load_before[2]:.1f}, after {load_after[0]:.1f}/{load_after[1]:.1f}/{load_after[2]:.1f}"
    )
    print(f"cold first visit after the server started (overview): {cold[0]:.2f} s first chart")
    for site, label in zip(sites, ("", f" — baseline {args.baseline}"), strict=False):
        report(
            f"new visitor (fresh browser context; target p50 <= {NEW_VISITOR_TARGET_S:.0f} s)"
            f"{label}:",
            NEW_VISITOR_TARGET_S,
            site.new_visitor,
        )
        report(
            f"returning visitor (warm browser cache; target p50 <= {RETURNING_TARGET_S:.0f} s)"
            f"{label}:",
            RETURNING_TARGET_S,
            site.returning,
        )
    if len(sites) == 2:
        report_ratios(sites[0], sites[1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
