"""Dashboard benchmark: a visitor's time to each page's first content in a real browser.

Starts the copilot (library mode) and the dashboard on free loopback ports over a data root's
warehouse, then opens every page in headless chromium (Debian's /usr/bin/chromium, --no-sandbox)
and times navigation -> the page's first content: what a visitor came for, drawn with its data
(never a skeleton or a spinner): the session's KPIs on Overview, the drivers' head-to-head figures
on Compare, the first chart on Race, Season and History (a plotly SVG), the question box on the
AI Copilot, the predictions chart or the page's empty state (st.info) on Predictions. Then ->
the first chart drawn (pages with charts), and -> the page complete (Streamlit's run finished,
every chart drawn). It waits on Streamlit's elements only, never on fixed sleeps.

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
CHART = '[data-testid="stPlotlyChart"] .main-svg'  # a plotly chart drawn
METRIC = '[data-testid="stMetricValue"]'  # a KPI's value
EMPTY = '[data-testid="stAlertContentInfo"]'  # a page's empty state (st.info, not a warning)
# page -> (path, its first content, whether it draws a chart on load)
PAGES = {
    "overview": ("/", METRIC, True),  # laps, drivers, teams, fastest lap; then the laps' chart
    "race": ("/race", CHART, True),  # positions lap by lap
    "compare": ("/compare", METRIC, True),  # best laps and gaps; then the lap-time charts
    "season": ("/season", CHART, True),  # the championship round by round
    "history": ("/history", CHART, True),  # champions since 1950
    "predictions": ("/predictions", f"{CHART}, {EMPTY}", False),  # chart, or no predictions yet
    "copilot": ("/copilot", "textarea", False),  # the question box
}
Page = tuple[str, str, bool]
Sample = tuple[float, float | None, float]  # first content, first chart, complete


def timed_load(page: Any, url: str, ready: str, chart: bool) -> Sample:
    """Seconds from navigation to the first content, the first chart drawn (None: the page has
    no chart on load) and the page complete."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    started = time.perf_counter()
    page.goto(url)
    try:
        page.locator(ready).first.wait_for(state="visible")
        first = time.perf_counter() - started
        if chart:
            page.locator(CHART).first.wait_for(state="visible")
    except PlaywrightTimeout:
        raise SystemExit(f"{url}: nothing drawn ({ready}) after 120 s") from None
    charted = time.perf_counter() - started if chart else None
    wait_for_app(page)
    wait_for_charts(page)
    return first, charted, time.perf_counter() - started


def fresh_visit(browser: Any, url: str, ready: str, chart: bool) -> Sample:
    """A brand-new visitor: fresh browser context, so no cached JS/CSS either."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        return timed_load(page, url, ready, chart)
    finally:
        context.close()


Timings = dict[str, list[Sample]]


class Site:
    """One dashboard under test: its URL, a warm browser context (returning visitor) and the
    samples taken from it."""

    def __init__(self, browser: Any, url: str, pages: dict[str, Page]) -> None:
        self.browser, self.url, self.pages = browser, url, pages
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)
        self.new_visitor: Timings = {name: [] for name in pages}
        self.returning: Timings = {name: [] for name in pages}

    def warm(self) -> None:
        """Every page's queries cached once (as for any visitor after the first)."""
        for path, ready, chart in self.pages.values():
            timed_load(self.page, self.url + path, ready, chart)

    def visit(self, name: str) -> None:
        path, ready, chart = self.pages[name]
        self.new_visitor[name].append(fresh_visit(self.browser, self.url + path, ready, chart))
        self.returning[name].append(timed_load(self.page, self.url + path, ready, chart))


def p50(samples: list[Sample]) -> float:
    return statistics.median(s[0] for s in samples)


def report_ratios(site: Site, baseline: Site) -> None:
    print("this ÷ baseline, first content p50 (same run, visits alternated):")
    for name in site.pages:
        new = p50(site.new_visitor[name]) / p50(baseline.new_visitor[name])
        back = p50(site.returning[name]) / p50(baseline.returning[name])
        print(f"  {name:<12} new visitor {new:5.2f}   returning {back:5.2f}")


def report(title: str, target: float, timings: Timings) -> None:
    print(title)
    print(
        f"  {'page':<12} {'first content p50':>17} {'max':>6} {'first chart p50':>15} "
        f"{'complete p50':>13}  verdict"
    )
    for name, samples in timings.items():
        first = statistics.median(s[0] for s in samples)
        charts = [s[1] for s in samples if s[1] is not None]
        chart = f"{statistics.median(charts):>13.2f} s" if charts else f"{'-':>15}"
        complete = statistics.median(s[2] for s in samples)
        worst = max(s[0] for s in samples)
        verdict = "ok" if first <= target else "SLOW"
        print(f"  {name:<12} {first:>15.2f} s {worst:>5.2f} {chart} {complete:>11.2f} s  {verdict}")


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
        _, overview, _ = PAGES["overview"]
        cold = fresh_visit(browser, dash.url + "/", overview, True)
        sites = [Site(browser, dash.url, pages)]
        if base is not None:
            fresh_visit(browser, base.url + "/", overview, True)
            sites.append(Site(browser, base.url, pages))
        for site in sites:
            site.warm()
        for _ in range(args.repeat):
            for name in pages:
                for site in sites:
                    site.visit(name)
        if args.screenshots is not None:
            for name, (path, ready, chart) in pages.items():
                timed_load(sites[0].page, dash.url + path, ready, chart)
                screenshot_full(sites[0].page, args.screenshots / f"{name}.png")
        browser.close()
    load_after = os.getloadavg()

    print(f"data root: {root} · {args.repeat} visits per page · {os.cpu_count()} cores")
    print(
        f"load average (1/5/15 min) before {load_before[0]:.1f}/{load_before[1]:.1f}/"
        f"{load_before[2]:.1f}, after {load_after[0]:.1f}/{load_after[1]:.1f}/{load_after[2]:.1f}"
    )
    print(
        f"cold first visit after the server started (overview): {cold[0]:.2f} s first content, "
        f"{cold[1]:.2f} s first chart"
    )
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
