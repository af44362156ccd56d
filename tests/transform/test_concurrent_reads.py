"""Readers in other processes never fail while a full build + blue/green swap runs."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, run_cli
from tests.transform.transform_support import SERVED_GOLD, SERVED_SILVER, copy_data_root

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

READER = r"""
import json, sys, time
from pathlib import Path
from f1lake.warehouse import detect_schemas, open_sandbox, read_connection

path, stop, style = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
expected = json.loads(sys.argv[4])
reads, failures, builds = 0, [], set()
DASHBOARD = '''
    select s.event_name, s.session_name, d.driver_code, d.best_lap_ms, d.pit_stops
    from {gold}.driver_session_summary d join {gold}.dim_sessions s using (session_id)
    where s.session_id = '2024-10-Q' order by d.best_lap_rank limit 10'''
COPILOT = '''
    select driver_code, count(*) as laps, min(lap_time_ms) as best
    from wh.gold.fct_laps where season = 2024 group by driver_code order by best limit 5'''
while not stop.exists():
    try:
        if style == "dashboard":
            with read_connection(path) as con:
                gold = detect_schemas(con).gold
                tables = con.execute(
                    "select table_schema || '.' || table_name from information_schema.tables"
                ).fetchall()
                rows = con.execute(DASHBOARD.format(gold=gold)).fetchall()
                build = f"select build_id from {gold}.warehouse_build_info"
                builds.add(con.execute(build).fetchone()[0])
        else:
            con = open_sandbox(path)
            try:
                tables = con.execute(
                    "select table_schema || '.' || table_name from information_schema.tables "
                    "where table_catalog = 'wh'"
                ).fetchall()
                rows = con.execute(COPILOT).fetchall()
                build = "select build_id from wh.gold.warehouse_build_info"
                builds.add(con.execute(build).fetchone()[0])
            finally:
                con.close()
        # the served layers (the warehouse's bookkeeping schema `lake` is not served)
        seen = sorted(t[0] for t in tables if t[0].split(".")[0] in ("silver", "gold"))
        if seen != expected or not rows:
            failures.append(f"incomplete warehouse: {len(seen)} tables, {len(rows)} rows")
        reads += 1
    except Exception as exc:
        failures.append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.02)
print(json.dumps({"reads": reads, "failures": failures[:20], "builds": sorted(builds)}))
"""


def test_reads_never_fail_during_full_build_and_swap(real_warehouse: Path, tmp_path: Path) -> None:
    root = copy_data_root(real_warehouse.parent.parent, tmp_path / "root")
    served = root / "warehouse" / "f1.duckdb"
    expected = sorted([f"silver.{t}" for t in SERVED_SILVER] + [f"gold.{t}" for t in SERVED_GOLD])
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(served), str(stop), style, json.dumps(expected)],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for style in ("dashboard", "copilot")
    ]
    try:
        time.sleep(2)
        build = run_cli(["-m", "transform", "build", "--full-refresh"], root)
        assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
        time.sleep(2)
    finally:
        stop.touch()
    outcomes = []
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err[-2000:]
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    for outcome in outcomes:
        assert outcome["failures"] == []
        assert outcome["reads"] > 20
        # reads happened before and after the swap
        assert len(outcome["builds"]) >= 2, outcome
