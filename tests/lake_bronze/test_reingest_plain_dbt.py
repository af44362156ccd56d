"""A session re-ingested with --force after its data changed reaches gold through a plain
`dbt build` on the served warehouse (the incremental models compare lineage themselves)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from ingestion import loader
from ingestion.runner import Ingestor, RunRequest
from ingestion.settings import IngestionSettings
from tests.conftest import REPO_ROOT, require_shared_cache
from tests.ingestion.fastf1_reference import open_reference_cache
from tests.lake_bronze.conftest import LAPS_SESSION

pytestmark = pytest.mark.realdata
SLOWER_MS = 1234  # added to one driver's lap times in the "changed" cache
DRIVER = "1"


def reingest_with_slower_laps(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingestion run --force` of LAPS_SESSION, Fast-F1 returning changed lap times."""
    original = loader.load_session

    def changed(key: Any, *, telemetry: bool) -> Any:
        loaded = original(key, telemetry=telemetry)
        laps = loaded.frames["laps"]
        assert laps is not None
        mine = laps["DriverNumber"] == DRIVER
        laps.loc[mine, "LapTime"] = laps.loc[mine, "LapTime"] + pd.Timedelta(milliseconds=SLOWER_MS)
        return loaded

    monkeypatch.setattr(loader, "load_session", changed)
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(root))
    season, rnd, code = LAPS_SESSION
    request = RunRequest(str(season), str(rnd), code, force=True, offline=True)
    ingestor = Ingestor(IngestionSettings())
    report = ingestor.run(request, ingestor.plan(request))
    assert [e.status for e in report.entries] == ["ok"]


def plain_dbt_build(root: Path, work: Path) -> subprocess.CompletedProcess[str]:
    """`cd transform && dbt build` as a user types it, on the served warehouse file."""
    env = {
        **os.environ,
        "EXTERNAL_DATA_ROOT": str(root),
        "F1_DBT_DUCKDB_PATH": str(root / "warehouse" / "f1.duckdb"),
    }
    env.pop("F1_REPO_ROOT", None)
    dbt = Path(sys.executable).parent / "dbt"
    args = [
        "build",
        "--profiles-dir",
        "profiles",
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work),
    ]
    return subprocess.run(
        [str(dbt), *args], cwd=REPO_ROOT / "transform", env=env, capture_output=True, text=True
    )


def gold_lap_times(root: Path) -> dict[tuple[str, str, int], int | None]:
    with duckdb.connect(str(root / "warehouse" / "f1.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select session_id, driver_number, lap_number, lap_time_ms from gold.fct_laps"
        ).fetchall()
    return {(s, d, n): t for s, d, n, t in rows}


def test_force_reingest_reaches_gold_through_plain_dbt_build(
    root_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = gold_lap_times(root_copy)
    reingest_with_slower_laps(root_copy, monkeypatch)
    result = plain_dbt_build(root_copy, tmp_path / "dbt")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    after = gold_lap_times(root_copy)

    # expected: Fast-F1's own lap times (a fresh load of the real cache) + SLOWER_MS for DRIVER
    open_reference_cache(require_shared_cache("all"), tmp_path / "reference")
    import fastf1

    session = fastf1.get_session(*LAPS_SESSION)
    session.load(laps=True, telemetry=False, weather=False, messages=False)
    season, rnd, code = LAPS_SESSION
    session_id = f"{season:04d}-{rnd:02d}-{code}"
    changed = 0
    for lap in session.laps.itertuples():
        if pd.isna(lap.LapTime):
            continue
        expected = round(lap.LapTime.value / 1e6) + (SLOWER_MS if lap.DriverNumber == DRIVER else 0)
        key = (session_id, str(lap.DriverNumber), int(lap.LapNumber))
        assert after[key] == expected, key
        changed += lap.DriverNumber == DRIVER
    assert changed > 5
    # the other sessions are untouched
    assert {k: v for k, v in after.items() if k[0] != session_id} == {
        k: v for k, v in before.items() if k[0] != session_id
    }
    with duckdb.connect(str(root_copy / "warehouse" / "f1.duckdb"), read_only=True) as con:
        best = con.execute(
            "select min(best_clean_lap_ms) from gold.fct_stints "
            "where session_id = ? and driver_number = ?",
            [session_id, DRIVER],
        ).fetchall()[0][0]
    clean = [
        lap.LapTime.value / 1e6
        for lap in session.laps.pick_drivers(DRIVER).itertuples()
        if not pd.isna(lap.LapTime)
    ]
    assert best is not None and best >= round(min(clean)) + SLOWER_MS  # fct_stints rebuilt too
