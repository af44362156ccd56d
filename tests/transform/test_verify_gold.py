"""`make verify-gold` (scripts/check_gold.sh): passes on the real data, fails on broken data."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO_ROOT, latest_session_with_laps
from tests.transform.transform_support import SERVED_GOLD, SERVED_SILVER, copy_data_root, query

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def check_gold(data_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXTERNAL_DATA_ROOT": str(data_root), "COLUMNS": "200"}
    return subprocess.run(
        ["bash", "scripts/check_gold.sh", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def root_copy(real_warehouse: Path, tmp_path: Path) -> Path:
    return copy_data_root(real_warehouse.parent.parent, tmp_path / "root")


def test_verify_gold_passes_and_reports_every_served_table(root_copy: Path) -> None:
    result = check_gold(root_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    warehouse = root_copy / "warehouse" / "f1.duckdb"
    # every served table's count goes to the report the console names, not to the console
    report = root_copy / "logs" / "verify-gold.txt"
    served = len(SERVED_SILVER | SERVED_GOLD)
    assert f"row counts of the {served} served tables: {report}" in result.stdout
    assert "Served tables in" not in result.stdout
    written = report.read_text()
    for table in SERVED_SILVER | SERVED_GOLD:
        assert f" {table} " in written, table
    laps = query(warehouse, "select count(*) from gold.fct_laps")[0][0]
    assert f"{laps:,}" in written
    # the five latest best laps: the newest is the real catalog's latest session with laps
    latest, _ = latest_session_with_laps()
    assert "Five latest best laps" in result.stdout
    assert f"{latest['year']} {latest['event']} {latest['session']}" in result.stdout
    assert "verify-gold passed" in result.stdout


def test_duplicated_partition_fails_and_keeps_the_served_warehouse(root_copy: Path) -> None:
    partition = root_copy / "bronze" / "laps" / "season=2024" / "round=10" / "session=Q"
    original = next(partition.glob("*.parquet"))
    served = root_copy / "warehouse" / "f1.duckdb"
    before = _digest(served)
    shutil.copy(original, partition / "part-duplicate.parquet")
    result = check_gold(root_copy)
    assert result.returncode != 0
    assert "assert_bronze_has_no_duplicate_rows" in result.stdout + result.stderr
    assert "served warehouse left unchanged" in result.stderr
    assert _digest(served) == before
    assert not (root_copy / "warehouse" / "f1.next.duckdb").exists()


def test_empty_partition_fails(root_copy: Path) -> None:
    partition = root_copy / "bronze" / "results" / "season=2024" / "round=10" / "session=R"
    original = next(partition.glob("*.parquet"))
    table = pq.read_table(original)
    pq.write_table(table.slice(0, 0), original)
    result = check_gold(root_copy)
    assert result.returncode != 0
    # caught by the bronze check (rows differ from the manifest's fingerprint) or, for a file
    # ingested empty, by the dbt test
    output = result.stdout + result.stderr
    assert "assert_bronze_has_no_empty_partitions" in output or (
        "changed since it was ingested (" in output and ", 0 rows;" in output
    ), output[-2000:]


def test_empty_served_table_fails(root_copy: Path) -> None:
    served = root_copy / "warehouse" / "f1.duckdb"
    con = duckdb.connect(str(served))
    con.execute("delete from gold.session_weather_summary")
    con.close()
    result = check_gold(root_copy, "--skip-build")
    assert result.returncode == 1
    assert "empty served table(s): gold.session_weather_summary" in result.stderr


def test_missing_warehouse_fails_with_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "bronze").mkdir()
    result = check_gold(tmp_path, "--skip-build")
    assert result.returncode == 1
    assert "make gold" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_f1_rule_fails_verify_and_keeps_the_served_warehouse(
    root_copy: Path, tmp_path: Path
) -> None:
    """The F1 rules live once in fct_results.sql, unit-tested beside it: a DNF rule that also
    counts disqualifications (a sabotaged copy of the dbt project) fails `make verify-gold`."""
    project = tmp_path / "transform"
    shutil.copytree(REPO_ROOT / "transform", project, ignore=shutil.ignore_patterns("target"))
    model = project / "models" / "gold" / "fct_results.sql"
    rule = "coalesce(classified_position in ('R', 'N'), false) as is_dnf"
    assert rule in model.read_text()
    model.write_text(model.read_text().replace(rule, rule.replace("'N'", "'N', 'D'")))
    served = root_copy / "warehouse" / "f1.duckdb"
    before = _digest(served)
    env = {**os.environ, "EXTERNAL_DATA_ROOT": str(root_copy), "DBT_PROJECT_DIR": str(project)}
    result = subprocess.run(
        ["bash", "scripts/check_gold.sh"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "race_rules_start_dnf_dsq_pit_lane_fastest_lap" in result.stdout + result.stderr
    assert _digest(served) == before
