"""The right answers of the copilot evaluation, computed from the sources themselves: Fast-F1
loading a temp copy of a real cache offline, and the Ergast CSV database. Never the warehouse."""

from __future__ import annotations

import logging
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
ERGAST = SHARED / "ergast" / "tracinginsights-racedata"
WEATHER = {
    "air_temp": "AirTemp",
    "track_temp": "TrackTemp",
    "humidity": "Humidity",
    "pressure": "Pressure",
    "wind_speed": "WindSpeed",
}


class FastF1Truth:
    """Answers from Fast-F1 sessions (offline, from a temp copy of the cache)."""

    def __init__(self, cache_dir: Path, workdir: Path) -> None:
        import fastf1

        logging.getLogger("fastf1").setLevel(logging.ERROR)
        workdir.mkdir(parents=True, exist_ok=True)
        if not (workdir / "fastf1_http_cache.sqlite").is_file():
            shutil.copy(cache_dir / "fastf1_http_cache.sqlite", workdir)
        fastf1.Cache.enable_cache(str(workdir))
        fastf1.Cache.offline_mode(True)
        self.fastf1 = fastf1

    @cache  # noqa: B019 - one harness object per run
    def session(self, season: int, round_: int, code: str, laps: bool = False) -> Any:
        session = self.fastf1.get_session(season, round_, code)
        session.load(laps=laps, telemetry=False, weather=True, messages=False)
        return session

    def results(self, season: int, round_: int, code: str) -> pd.DataFrame:
        frame = self.session(season, round_, code).results
        return frame.sort_values("Position")

    def at(self, season: int, round_: int, code: str, position: int) -> str:
        frame = self.results(season, round_, code)
        if position == 0:
            return str(frame.dropna(subset=["Position"]).iloc[-1]["Abbreviation"])
        return str(frame[frame["Position"] == position].iloc[0]["Abbreviation"])

    def top(self, season: int, round_: int, code: str, n: int) -> list[str]:
        return [str(a) for a in self.results(season, round_, code)["Abbreviation"].head(n)]

    def row(self, season: int, round_: int, code: str, driver: str) -> pd.Series:
        frame = self.results(season, round_, code)
        return frame[frame["Abbreviation"] == driver].iloc[0]

    def grid(self, season: int, round_: int, position: int) -> str:
        frame = self.results(season, round_, "R")
        return str(frame[frame["GridPosition"] == position].iloc[0]["Abbreviation"])

    def laps(self, season: int, round_: int, code: str) -> pd.DataFrame:
        return self.session(season, round_, code, laps=True).laps

    def fastest(self, season: int, round_: int, code: str, driver: str | None = None) -> list[Any]:
        laps = self.laps(season, round_, code)
        if driver:
            laps = laps.pick_drivers(driver)
        lap = laps.pick_fastest()
        return [str(lap["Driver"]), round(lap["LapTime"].total_seconds() * 1000)]

    def best_gap(self, season: int, round_: int, code: str, d1: str, d2: str) -> int:
        a = self.fastest(season, round_, code, d1)[1]
        b = self.fastest(season, round_, code, d2)[1]
        return int(abs(a - b))

    def quali_gap(self, season: int, round_: int, d1: str, d2: str) -> int:
        """Gap between two drivers' best qualifying times (best of Q1, Q2, Q3)."""

        def best(driver: str) -> float:
            row = self.row(season, round_, "Q", driver)
            times = [row[k].total_seconds() * 1000 for k in ("Q1", "Q2", "Q3") if pd.notna(row[k])]
            return min(times)

        return round(abs(best(d1) - best(d2)))

    def pit_stops(self, season: int, round_: int, driver: str) -> int:
        laps = self.laps(season, round_, "R").pick_drivers(driver)
        return int(laps["PitInTime"].notna().sum())

    def compounds(self, season: int, round_: int, code: str, driver: str) -> list[str]:
        laps = self.laps(season, round_, code).pick_drivers(driver)
        by_stint = laps.dropna(subset=["Stint"]).groupby("Stint")["Compound"].first()
        return [str(c) for c in by_stint.tolist()]

    def weather(self, season: int, round_: int, code: str, measure: str, agg: str) -> float:
        values = self.session(season, round_, code).weather_data[WEATHER[measure]]
        return float({"min": values.min, "max": values.max, "avg": values.mean}[agg]())

    def team_points(self, season: int, round_: int, code: str, team: str) -> float:
        frame = self.results(season, round_, code)
        return float(frame[frame["TeamName"] == team]["Points"].sum())

    def extreme_race(self, season: int, rounds: range, measure: str, agg: str) -> str:
        values = {r: self.weather(season, r, "R", measure, agg) for r in rounds}
        pick = (max if agg == "max" else min)(values, key=lambda r: values[r])
        return str(self.session(season, pick, "R").event["EventName"])

    def rained(self, season: int, round_: int, code: str) -> bool:
        return bool(self.session(season, round_, code).weather_data["Rainfall"].any())

    def ahead(self, season: int, round_: int, code: str, d1: str, d2: str) -> str:
        frame = self.results(season, round_, code)
        pair = frame[frame["Abbreviation"].isin([d1, d2])].sort_values("Position")
        return str(pair.iloc[0]["Abbreviation"])

    def teammate_ahead(self, season: int, round_: int, code: str, driver: str) -> str:
        team = self.row(season, round_, code, driver)["TeamName"]
        frame = self.results(season, round_, code)
        return str(frame[frame["TeamName"] == team].iloc[0]["Abbreviation"])

    def retired(self, season: int, round_: int) -> set[str]:
        frame = self.results(season, round_, "R")
        out = frame[frame["ClassifiedPosition"].isin(["R", "D", "E", "W", "F", "N"])]
        return {str(a) for a in out["Abbreviation"]}


class ErgastTruth:
    """Answers from the Ergast CSV database (1950-2025)."""

    def __init__(self, folder: Path = ERGAST) -> None:
        read = lambda name: pd.read_csv(folder / f"{name}.csv", na_values="\\N")  # noqa: E731
        self.races = read("races")
        self.drivers = read("drivers").set_index("driverId")
        self.results = read("results").merge(self.races[["raceId", "year", "round"]], on="raceId")
        self.standings = read("driver_standings").merge(
            self.races[["raceId", "year", "round"]], on="raceId"
        )
        self.constructors = read("constructors").set_index("constructorId")
        self.circuits = read("circuits")

    def code(self, driver_id: int) -> str:
        return str(self.drivers.loc[driver_id, "code"])

    def leader_after(self, season: int, round_: int) -> list[Any]:
        table = self.standings[
            (self.standings.year == season) & (self.standings["round"] == round_)
        ]
        top = table.sort_values("position").iloc[0]
        return [self.code(int(top.driverId)), float(top.points)]

    def champion(self, season: int) -> str:
        last = self.standings[self.standings.year == season]["round"].max()
        return str(self.leader_after(season, int(last))[0])

    def race_results(self, season: int) -> pd.DataFrame:
        return self.results[self.results.year == season]

    def count(self, season: int, driver: str, metric: str) -> int:
        frame = self.race_results(season)
        frame = frame[frame.driverId.map(self.code) == driver]
        limit = {"wins": 1, "podiums": 3}[metric]
        return int((frame.positionOrder <= limit).sum())

    def most(self, season: int, metric: str) -> list[Any]:
        frame = self.race_results(season)
        limit = {"wins": 1, "podiums": 3}[metric]
        counts = frame[frame.positionOrder <= limit].groupby("driverId").size()
        best = counts.sort_values(ascending=False)
        return [self.code(int(best.index[0])), int(best.iloc[0])]

    def winners(self, season: int) -> list[str]:
        frame = self.race_results(season)
        return [
            self.code(int(d)) for d in frame[frame.positionOrder == 1].sort_values("round").driverId
        ]

    def team_drivers(self, season: int, team: str) -> set[str]:
        frame = self.race_results(season)
        names = frame.constructorId.map(self.constructors["name"])
        return {self.code(int(d)) for d in frame[names == team].driverId}

    def head_to_head(self, season: int, d1: str, d2: str) -> int:
        frame = self.race_results(season)
        frame = frame.assign(code=frame.driverId.map(self.code))
        a = frame[frame.code == d1].set_index("raceId").positionOrder
        b = frame[frame.code == d2].set_index("raceId").positionOrder
        both = a.to_frame("a").join(b.to_frame("b"), how="inner")
        return int((both.a < both.b).sum())

    def top(self, season: int, round_: int, n: int) -> list[str]:
        frame = self.race_results(season)
        frame = frame[frame["round"] == round_].sort_values("positionOrder").head(n)
        return [self.code(int(d)) for d in frame.driverId]

    def circuits_in(self, season: int, country: str) -> list[str]:
        circuits = self.circuits.set_index("circuitId")
        races = self.races[self.races.year == season]
        places = races.circuitId.map(circuits["location"])
        names = {"USA", "United States"} if country == "USA" else {country}
        return sorted(places[races.circuitId.map(circuits["country"]).isin(names)])

    def name(self, driver_id: int) -> str:
        row = self.drivers.loc[driver_id]
        return f"{row.forename} {row.surname}"

    def champion_name(self, season: int) -> str:
        last = int(self.standings[self.standings.year == season]["round"].max())
        table = self.standings[(self.standings.year == season) & (self.standings["round"] == last)]
        return self.name(int(table.sort_values("position").iloc[0].driverId))

    def career(self, ref: str, metric: str) -> int:
        driver = int(self.drivers.index[self.drivers.driverRef == ref][0])
        if metric == "championships":
            finals = self.standings.loc[
                self.standings.groupby("year")["round"].transform("max") == self.standings["round"]
            ]
            return int(((finals.driverId == driver) & (finals.position == 1)).sum())
        mine = self.results[self.results.driverId == driver]
        limit = {"wins": 1, "podiums": 3}[metric]
        return int((mine.positionOrder <= limit).sum())

    def most_wins_ever(self) -> list[Any]:
        wins = self.results[self.results.positionOrder == 1].groupby("driverId").size()
        best = wins.sort_values(ascending=False)
        return [self.name(int(best.index[0])), int(best.iloc[0])]

    def circuit_most_wins(self, circuit_ref: str) -> int:
        circuit = int(
            self.circuits.loc[self.circuits.circuitRef == circuit_ref, "circuitId"].iloc[0]
        )
        races = self.races[self.races.circuitId == circuit].raceId
        wins = self.results[self.results.raceId.isin(races) & (self.results.positionOrder == 1)]
        return int(wins.groupby("driverId").size().max())

    def winner_name(self, season: int, round_: int) -> str:
        frame = self.race_results(season)
        won = frame[(frame["round"] == round_) & (frame.positionOrder == 1)]
        return self.name(int(won.iloc[0].driverId))

    def rounds(self, season: int) -> int:
        return int((self.races.year == season).sum())
