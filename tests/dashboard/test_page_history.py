"""History page (AppTest) on the real Fast-F1 bronze + the Ergast dump, against champions the
test computes from the dump's CSVs."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard import ergast
from tests.dashboard.conftest import APP, chart_traces

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def test_champions_by_their_own_team(history_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(history_root))
    expected = ergast.champions()
    complete = expected[expected["complete"]]
    assert complete["season"].min() == 1950

    at = AppTest.from_file(str(APP), default_timeout=180)
    at.switch_page("app_pages/history.py")
    at.run()
    assert not at.exception
    traces = chart_traces(at.get("plotly_chart")[0])
    marks = {}
    for trace in traces:
        for season, ref in zip(trace["x"], trace["customdata"], strict=True):
            marks[int(season)] = (ref[0], trace["marker"]["color"], trace["name"])
    # one mark per complete season 1950 -> the last complete one, nothing else
    assert sorted(marks) == complete["season"].tolist()
    for row in complete.itertuples():
        assert marks[row.season][0] == row.constructorRef, row.season
    assert marks[2008][0] == "mclaren"  # Hamilton's own team, not the constructors' champion
    # distinct colours per team
    colours = {trace["name"]: trace["marker"]["color"] for trace in traces}
    assert len(set(colours.values())) == len(colours)
    # an incomplete season is labelled, never listed as finished
    table = at.dataframe[0].value.set_index("Season")
    for row in expected.itertuples():
        assert table.loc[row.season, "Status"] == ("final" if row.complete else "in progress")
    headers = [str(c) for c in table.reset_index().columns]
    assert not any("_" in h for h in headers), headers
