"""Gold against Fast-F1 itself, session by session, on the warehouse built from the real `full/`
cache (Fast-F1 loaded offline from its own temp copy). Expected values come from Fast-F1."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.transform.transform_support import catalog, query, session_id

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

FUEL_EFFECT_MS_PER_LAP = 30  # the fuel model stated in fct_stints.yml
RACE_LIKE = ("Race", "Sprint")


def _sessions_with_laps() -> list[dict[str, Any]]:
    return [e for e in catalog("full") if e["laps"]]


def _ms(value: Any) -> int:
    return round(value.total_seconds() * 1000)


def test_laps_and_results_row_counts_match_the_catalog(full_warehouse: Path) -> None:
    """All 111 sessions of full/ replayed: laps and results rows equal what Fast-F1 returns."""
    entries = catalog("full")
    laps = dict(query(full_warehouse, "select session_id, count(*) from gold.fct_laps group by 1"))
    results = dict(
        query(full_warehouse, "select session_id, count(*) from gold.fct_results group by 1")
    )
    for entry in entries:
        sid = session_id(entry)
        assert laps.get(sid, 0) == (entry["laps"] or 0), sid
        assert results.get(sid, 0) == (entry["results"] or 0), sid
    races = [e for e in entries if e["session"] == "Race" and e["laps"]]
    print(f"{len(entries)} sessions, {len(_sessions_with_laps())} with laps, {len(races)} races")


def test_every_race_podium_and_points_match_fastf1(full_warehouse: Path, fastf1_full: Any) -> None:
    compared = 0
    for entry in [e for e in catalog("full") if e["session"] == "Race" and e["results"]]:
        sid = session_id(entry)
        results = fastf1_full(entry, laps=bool(entry["laps"])).results
        classified = results.dropna(subset=["Position"]).sort_values("Position")
        got = query(
            full_warehouse,
            "select driver_code from gold.fct_results where session_id = ? and is_podium "
            "order by finish_position",
            [sid],
        )
        assert [r[0] for r in got] == list(classified["Abbreviation"].head(3)), sid
        points = dict(
            query(
                full_warehouse,
                "select driver_code, points from gold.fct_results where session_id = ?",
                [sid],
            )
        )
        for code, expected in zip(results["Abbreviation"], results["Points"], strict=True):
            if expected is None or math.isnan(expected):
                assert points[code] is None, (sid, code)
            else:
                assert points[code] == pytest.approx(float(expected)), (sid, code)
                compared += 1
    assert compared >= 24 * 19


def test_each_sessions_fastest_lap_is_pick_fastest(full_warehouse: Path, fastf1_full: Any) -> None:
    """dim_sessions (from int_best_laps, the one best-lap definition) = Laps.pick_fastest()."""
    sessions = _sessions_with_laps()
    for entry in sessions:
        sid = session_id(entry)
        fastest = fastf1_full(entry, laps=True).laps.pick_fastest()
        got = query(
            full_warehouse,
            "select fastest_lap_driver_number, fastest_lap_driver_code, fastest_lap_ms "
            "from gold.dim_sessions where session_id = ?",
            [sid],
        )
        number, code, ms = got[0]
        assert (number, ms) == (str(fastest["DriverNumber"]), _ms(fastest["LapTime"])), sid
        if fastest["Driver"]:  # 2020-05-FP2 has no codes in Fast-F1; gold infers them
            assert code == fastest["Driver"], sid
    print(f"fastest lap = pick_fastest in {len(sessions)} of {len(sessions)} sessions with laps")


def _fastf1_clean_laps(laps: Any) -> Any:
    """The clean-lap rule of stg_laps.yml, as Fast-F1's own filters."""
    clean = laps.pick_quicklaps().pick_accurate().pick_wo_box().pick_track_status("1")
    if "Deleted" in clean.columns:
        clean = clean[clean["Deleted"].astype("boolean").fillna(False) != True]  # noqa: E712
    return clean[clean["LapNumber"] > 1]


def test_clean_laps_are_fastf1s_filters(full_warehouse: Path, fastf1_full: Any) -> None:
    total = 0
    for entry in _sessions_with_laps():
        clean = _fastf1_clean_laps(fastf1_full(entry, laps=True).laps)
        pairs = zip(clean["DriverNumber"], clean["LapNumber"], strict=True)
        expected = {(str(d), int(n)) for d, n in pairs}
        got = set(
            query(
                full_warehouse,
                "select driver_number, lap_number from gold.fct_laps "
                "where session_id = ? and is_clean_lap",
                [session_id(entry)],
            )
        )
        assert got == expected, (session_id(entry), sorted(got ^ expected)[:10])
        total += len(expected)
    assert total > 0


def _fitted_stints(laps: Any) -> dict[tuple[str, int], tuple[float, float, int]]:
    """(driver, stint) -> (fuel-corrected slope, r2, laps used), recomputed with numpy."""
    session_laps = int(laps["LapNumber"].max())
    clean = _fastf1_clean_laps(laps)
    clean = clean[clean["Stint"].notna()]
    fitted = {}
    for (driver, stint), group in clean.groupby(["DriverNumber", "Stint"]):
        with_age = group[group["TyreLife"].notna()]
        if len(group) < 5 or with_age["TyreLife"].nunique() < 2:
            continue
        age = with_age["TyreLife"].to_numpy(dtype=float)
        lap_ms = with_age["LapTime"].dt.total_seconds().to_numpy() * 1000
        fuel = FUEL_EFFECT_MS_PER_LAP * (session_laps - with_age["LapNumber"].to_numpy())
        corrected = lap_ms - fuel
        slope = float(np.polyfit(age, corrected, 1)[0])
        r2 = float(np.corrcoef(age, corrected)[0, 1] ** 2)
        fitted[(str(driver), int(stint))] = (slope, r2, len(with_age))
    return fitted


def test_degradation_is_fuel_corrected_and_mostly_positive(
    full_warehouse: Path, fastf1_full: Any
) -> None:
    """Every race/sprint stint's fuel-corrected slope, r2 and laps used equal a numpy fit of
    Fast-F1's laps; on stints of 10+ laps most slopes are positive (share printed)."""
    positive = long_stints = 0
    for entry in [e for e in _sessions_with_laps() if e["session"] in RACE_LIKE]:
        sid = session_id(entry)
        expected = _fitted_stints(fastf1_full(entry, laps=True).laps)
        rows = query(
            full_warehouse,
            "select driver_number, stint_number, degradation_ms_per_lap, degradation_r2, "
            "degradation_laps_used, laps_in_stint from gold.fct_stints "
            "where session_id = ? and degradation_ms_per_lap is not null",
            [sid],
        )
        assert {(d, s) for d, s, *_ in rows} == set(expected), sid
        for driver, stint, slope, r2, used, laps_in_stint in rows:
            want_slope, want_r2, want_used = expected[(driver, stint)]
            assert slope == pytest.approx(want_slope, abs=0.001), (sid, driver, stint)
            assert r2 == pytest.approx(want_r2, abs=0.0001), (sid, driver, stint)
            assert used == want_used, (sid, driver, stint)
            if laps_in_stint >= 10:
                long_stints += 1
                positive += want_slope > 0
    share = positive / long_stints
    print(
        f"fuel-corrected degradation positive in {positive} of {long_stints} stints of 10+ laps"
        f" ({share:.1%})"
    )
    assert share > 0.5
