"""Season page (AppTest) on the real Fast-F1 bronze + the Ergast dump: the championship round
by round, a driver's and a team's season, against the dump's CSVs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard import ergast
from tests.dashboard.conftest import APP, chart_traces

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

SEASON = 2024


def standings(kind: str, season: int) -> pd.DataFrame:
    """Ergast's standings after every round of a season: round, ref, points, position."""
    races = ergast.csv("races")
    races = races[races["year"] == season][["raceId", "round"]]
    if kind == "driver":
        rows = ergast.csv("driver_standings").merge(ergast.csv("drivers"), on="driverId")
        ref = "driverRef"
    else:
        rows = ergast.csv("constructor_standings").merge(
            ergast.csv("constructors"), on="constructorId"
        )
        ref = "constructorRef"
    rows = rows.merge(races, on="raceId").rename(columns={ref: "ref"})
    return rows[["round", "ref", "points", "position"]].sort_values(["ref", "round"])


def season_page(root: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(root))
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.switch_page("app_pages/season.py")
    at.run()
    at.selectbox(key="season_pick").select(SEASON).run()
    assert not at.exception
    return at


def test_championship_fight_round_by_round(
    history_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2024: every line's points after each round are Ergast's standings; the legend follows
    the final standings; the constructors' view likewise; 2024 is final, 2026 is flagged."""
    at = season_page(history_root, monkeypatch)
    assert "final standings after 24 rounds" in at.caption[0].value
    expected = standings("driver", SEASON)
    final = expected[expected["round"] == expected["round"].max()].sort_values("position")
    names = (
        ergast.csv("drivers")
        .assign(name=lambda d: d["forename"] + " " + d["surname"])
        .set_index("driverRef")["name"]
    )
    traces = chart_traces(at.get("plotly_chart")[0])
    top = final["ref"].tolist()[: len(traces)]
    assert [t["name"] for t in traces] == [names[r] for r in top]
    for ref, trace in zip(top, traces, strict=True):
        rows = expected[expected["ref"] == ref]
        assert [int(x) for x in trace["x"]] == rows["round"].tolist()
        assert trace["y"] == pytest.approx(rows["points"].tolist()), ref
    table = at.dataframe[0].value
    assert table["Points"].iloc[0] == f"{final['points'].iloc[0]:g}"  # 437 for VER

    at.radio(key="season_kind").set_value("Constructors").run()
    teams = standings("constructor", SEASON)
    traces = chart_traces(at.get("plotly_chart")[0])
    final_teams = teams[teams["round"] == 24].sort_values("position")
    assert traces[0]["name"] == "McLaren"
    mclaren = teams[teams["ref"] == "mclaren"]
    assert traces[0]["y"] == pytest.approx(mclaren["points"].tolist())
    assert final_teams["ref"].iloc[0] == "mclaren"

    at.selectbox(key="season_pick").select(max(at.selectbox(key="season_pick").options)).run()
    latest = int(at.selectbox(key="season_pick").value)
    complete = ergast.champions().set_index("season")["complete"]
    if latest not in complete.index or not complete[latest]:
        assert "in progress" in at.caption[0].value


def test_driver_and_team_season(history_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A driver's season is his race and sprint results of the dump (points sum to his
    standing); a team's season has both cars' results."""
    at = season_page(history_root, monkeypatch)
    race_id = ergast.csv("races")
    race_id = race_id[race_id["year"] == SEASON][["raceId", "round"]]
    drivers = ergast.csv("drivers")[["driverId", "driverRef"]]
    results = ergast.csv("results").merge(race_id, on="raceId").merge(drivers, on="driverId")
    sprints = ergast.csv("sprint_results").merge(race_id, on="raceId").merge(drivers, on="driverId")

    at.selectbox(key=f"season_driver_{SEASON}").select("norris").run()
    table = next(df.value for df in at.dataframe if "Session" in df.value.columns)
    races = results[results["driverRef"] == "norris"].sort_values("round")
    shown = table[table["Session"] == "Race"]
    assert shown["Round"].tolist() == races["round"].tolist()
    assert shown["Finish"].astype(str).tolist() == races["positionText"].astype(str).tolist()
    total = races["points"].sum() + sprints[sprints["driverRef"] == "norris"]["points"].sum()
    assert sum(float(p) for p in table["Points"]) == pytest.approx(total)
    wins = next(m.value for m in at.metric if m.label == "Wins")  # the driver tab's, first
    assert wins == str(int((races["positionOrder"] == 1).sum()))

    at.selectbox(key=f"season_team_{SEASON}").select("mclaren").run()
    table = next(
        df.value for df in at.dataframe if "Driver" in df.value.columns and "Session" in df.value
    )
    constructors = ergast.csv("constructors")[["constructorId", "constructorRef"]]
    team = results.merge(constructors, on="constructorId")
    team = team[team["constructorRef"] == "mclaren"]
    assert len(table[table["Session"] == "Race"]) == len(team)
    assert set(table["Driver"]) == {"NOR", "PIA"}
