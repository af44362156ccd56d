"""The make and compose entries of OpenF1 and `update` (dry runs: `make -n` prints what runs)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}


def dry_run(*args: str) -> str:
    result = subprocess.run(
        ["make", "-n", *args], cwd=REPO_ROOT, capture_output=True, text=True, env=ENV
    )
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.replace("\\\n", " ").split())


def test_make_help_lists_openf1_and_update() -> None:
    result = subprocess.run(["make", "help"], cwd=REPO_ROOT, capture_output=True, text=True)
    listed = set(re.findall(r"^\s+(?:\x1b\[\d+m)?([a-z0-9-]+)", result.stdout, flags=re.M))
    assert {"openf1", "update", "docker-openf1", "docker-update"} <= listed


def test_make_openf1_and_update_run_the_ingestion_clis() -> None:
    openf1 = dry_run("openf1", "SEASON=2024", "ROUNDS=18", "SESSIONS=R", "OPENF1_FROM=/rec")
    assert (
        '-m ingestion openf1 --season "2024" --rounds "18" --sessions "R" --from "/rec"' in openf1
    )
    update = dry_run(
        "update",
        "UPDATE_SEASON=2024",
        "F1_CACHE_FROM=/cache",
        "OPENF1_FROM=/rec",
        "HISTORY_FROM_CSV=/csv",
    )
    assert (
        '-m ingestion update --season "2024" --cache-from "/cache" --offline '
        '--openf1-from "/rec" --history-from-csv "/csv"'
    ) in update


def test_the_docker_entries_run_jobs_in_the_ingestion_and_dbt_containers() -> None:
    openf1 = dry_run("docker-openf1", "SEASON=2024", "ROUNDS=18", "SESSIONS=R")
    assert 'compose_job.sh ingestion openf1 --season "2024" --rounds "18" --sessions "R"' in openf1
    update = dry_run("docker-update", "UPDATE_SEASON=2024")
    assert 'compose_job.sh ingestion update --no-build --no-predict --season "2024"' in update
    assert "compose_job.sh dbt build" in update
    stage = (REPO_ROOT / "docker" / "Dockerfile").read_text().split("AS ingestion\n")[1]
    assert 'ENTRYPOINT ["python", "-m", "ingestion"]' in stage.split("\nFROM ")[0]
    compose = (REPO_ROOT / "docker-compose.yml").read_text()
    assert "target: ingestion" in compose
