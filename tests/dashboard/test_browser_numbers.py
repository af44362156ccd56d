"""The numbers of the issue's checks, read off the pages as Chromium draws them.

One dashboard (over the real Fast-F1 bronze + the Ergast history) and one browser session; every
page is opened by its shareable link (`?session=…`) and the values are read from what the page
drew: plotly's own data on each chart's element, the rows of the tables. Expected values come
from the Ergast CSVs (and Fast-F1's results where the dump has no such race), never from the
warehouse:
- every race and sprint with laps: the Race page's "Gap to the leader" at the line after the
  last lap gives every classified lead-lap driver's gap, so every pair's gap (1,200+ pairs) is
  read off one page load per race, and the Compare page's final gap for its pair is read too;
- every qualifying session with laps: the classification's order;
- the champions chart: one mark per season, coloured by the champion's own team, and the
  season in progress labelled so.
The same numbers are checked without a browser in test_compare_all_gaps.py,
test_page_qualifying.py and test_page_history.py."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.conftest import CATALOG_CODES, real_catalog
from tests.dashboard import ergast
from tests.dashboard.official_gaps import at_the_line, official_gaps, tolerance_s
from tests.dashboard.servers import (
    chromium_page,
    require_chromium,
    running_apps,
    wait_for_app,
    wait_for_charts,
)

pytestmark = [pytest.mark.realdata, pytest.mark.browser, pytest.mark.slow]

CHARTS_JS = """() => Array.from(
    document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'), gd => ({
        title: (gd.layout.title || {}).text || "",
        ytitle: ((gd.layout.yaxis || {}).title || {}).text || "",
        data: gd._fullData.map(t => ({
            name: t.name,
            x: Array.from(t.x || []),
            y: Array.from(t.y || []),
            customdata: t.customdata ? Array.from(t.customdata, c => Array.from(c)) : [],
            colour: (t.marker || {}).color,
        })),
    }))"""
ROWS_JS = """(index) => {
    const table = document.querySelectorAll('[data-testid="stDataFrame"]')[index];
    if (!table) return [];
    const rows = Array.from(table.querySelectorAll('tr[aria-rowindex]'))
        .filter(tr => tr.querySelector('td'))
        .sort((a, b) => a.getAttribute('aria-rowindex') - b.getAttribute('aria-rowindex'));
    return rows.map(tr => Array.from(tr.querySelectorAll('td'), td => td.innerText));
}"""


def wait_for_rows(page: Any, index: int) -> None:
    """Wait until the page's `index`-th table shows data rows (a cell of another table, or of
    the page before, is not enough: the read below would find none)."""
    page.wait_for_function(f"(index) => ({ROWS_JS})(index).length > 0", arg=index)


def sessions_with_laps(names: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(season, round, code) of the real cache's sessions with laps (Fast-F1's catalog)."""
    entries = [e for e in real_catalog() if e["laps"] and e["session"] in names]
    return sorted((int(e["year"]), int(e["round"]), CATALOG_CODES[e["session"]]) for e in entries)


def session_id(season: int, round_number: int, code: str) -> str:
    return f"{season}-{round_number:02d}-{code}"


CHART_DRAWN_JS = """(ytitle) => Array.from(
    document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'),
    gd => gd.querySelector('.main-svg') && (((gd.layout.yaxis || {}).title || {}).text || ""),
).some(text => text && text.includes(ytitle))"""


def open_session(page: Any, url: str, path: str, sid: str | None, ytitle: str) -> list[dict]:
    """Open a page by its shareable link, wait until the chart whose y axis title holds
    `ytitle` is drawn (and Streamlit's run is over); the charts as drawn (plotly's data)."""
    page.goto(f"{url}/{path}" + (f"?session={sid}" if sid else ""))
    page.wait_for_function(CHART_DRAWN_JS, arg=ytitle)
    wait_for_app(page)
    wait_for_charts(page)
    charts: list[dict[str, Any]] = page.evaluate(CHARTS_JS)
    return charts


def final_gaps(chart: dict[str, Any]) -> dict[str, tuple[int, float]]:
    """Each line's last point: driver -> (lap, value)."""
    return {t["name"]: (int(t["x"][-1]), float(t["y"][-1])) for t in chart["data"] if t["x"]}


def check_race(page: Any, url: str, root: Path, sid: str) -> tuple[int, list[str]]:
    """Every lead-lap pair's gap at the line off the Race page, and the Compare page's pair."""
    behind, source = official_gaps(root, sid)
    if len(behind) < 2:
        return 0, []
    failures = []
    race = open_session(page, url, "race", sid, "Gap to the leader")
    leader = next(c for c in race if c["ytitle"].startswith("Gap to the leader"))
    shown = final_gaps(leader)
    last_lap = max(lap for lap, _ in shown.values())
    codes = list(behind.index)
    for first, second in itertools.combinations(codes, 2):
        laps = (shown.get(first, (0, 0.0))[0], shown.get(second, (0, 0.0))[0])
        if laps != (last_lap, last_lap):
            failures.append(f"{sid} {first}/{second}: not both on the last lap {laps}")
            continue
        page_gap = shown[first][1] - shown[second][1]
        expected = at_the_line(sid, behind, first, second)
        if abs(page_gap - expected) > tolerance_s(sid, first, second):
            failures.append(
                f"{sid} {first}-{second}: page {page_gap:+.3f} s, {source} {expected:+.3f}"
            )
    compare = open_session(page, url, "compare", sid, " − ")
    gap_chart = next(c for c in compare if " − " in c["ytitle"])
    first, second = gap_chart["ytitle"].split(" (s)")[0].split(" − ")
    line = next(t for t in gap_chart["data"] if t["name"] == "Gap at the line")
    if first in behind.index and second in behind.index:
        expected = at_the_line(sid, behind, first, second)
        if abs(float(line["y"][-1]) - expected) > tolerance_s(sid, first, second):
            failures.append(
                f"{sid} Compare {first}-{second}: {line['y'][-1]:+.3f} vs {expected:+.3f}"
            )
    return len(codes) * (len(codes) - 1) // 2, failures


def in_the_dump(season: int, round_number: int) -> bool:
    races = ergast.csv("races")
    return bool(((races["year"] == season) & (races["round"] == round_number)).any())


def check_qualifying(page: Any, url: str, season: int, round_number: int) -> list[str]:
    """The qualifying view's order against Ergast's classification (sessions it has)."""
    official = ergast.qualifying(season, round_number) if in_the_dump(season, round_number) else []
    if len(official) == 0:
        return []
    sid = session_id(season, round_number, "Q")
    open_session(page, url, "", sid, "Gap to pole")
    wait_for_rows(page, 0)
    rows = page.evaluate(ROWS_JS, 0)
    shown = [row[1] for row in rows]  # Pos, Driver, …
    expected = official["code"].tolist()
    return [] if shown == expected else [f"{sid}: page {shown}, Ergast {expected}"]


def seasons_in_progress(expected: pd.DataFrame) -> list[int]:
    """The dump's incomplete seasons and the seasons Fast-F1's cache holds beyond the dump."""
    beyond = {int(e["year"]) for e in real_catalog()} - set(expected["season"])
    return sorted(set(expected[~expected["complete"]]["season"]) | beyond)


def check_champions(page: Any, url: str) -> None:
    expected = ergast.champions()
    charts = open_session(page, url, "history", None, "champion")
    marks: dict[int, tuple[str, str]] = {}
    for trace in charts[0]["data"]:
        for season, ref in zip(trace["x"], trace["customdata"], strict=True):
            marks[int(season)] = (ref[0], trace["colour"])
    complete = expected[expected["complete"]]
    assert sorted(marks) == complete["season"].tolist()  # one mark per finished season
    assert min(marks) == 1950
    for row in complete.itertuples():
        assert marks[row.season][0] == row.constructorRef, row.season  # his own team
    teams = pd.DataFrame(marks.values(), columns=["team", "colour"]).drop_duplicates()
    assert teams["team"].is_unique and teams["colour"].is_unique  # one colour per team
    running = seasons_in_progress(expected)
    assert running, "the cache holds a season the dump does not finish"
    caption = page.get_by_text("In progress:").first.inner_text().split("In progress:")[1]
    assert all(str(season) in caption for season in running), caption
    assert not any(str(season) in caption for season in complete["season"]), caption
    wait_for_rows(page, 0)
    statuses = {int(row[0]): row[1] for row in page.evaluate(ROWS_JS, 0)}  # Season, Status, …
    assert statuses[running[-1]] == "in progress"
    for season, status in statuses.items():
        assert status == ("in progress" if season in running else "final"), season


def test_the_issue_numbers_read_in_chromium(history_root: Path, tmp_path: Path) -> None:
    require_chromium()
    races = sessions_with_laps(("Race", "Sprint"))
    qualifyings = sessions_with_laps(("Qualifying",))
    with (
        running_apps(history_root, tmp_path / "logs") as (_ai, dash),
        chromium_page() as page,
    ):
        pairs, failures = 0, []
        for season, round_number, code in races:
            checked, missed = check_race(
                page, dash.url, history_root, session_id(season, round_number, code)
            )
            pairs, failures = pairs + checked, failures + missed
        for season, round_number, _code in qualifyings:
            failures += check_qualifying(page, dash.url, season, round_number)
        check_champions(page, dash.url)
    assert not failures, "\n".join(failures[:40])
    assert pairs > 1000, pairs
