"""`python -m transform build` as a person reads it: dbt's per-node lines in its log file under
the data root, a count of finished nodes on stderr, one summary line; one line when there is
nothing to build; verify-gold's verdict agrees with the table it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_console, run_cli
from transform.__main__ import verdict
from transform.checks import TableCount

ANSI = "\x1b["


def test_an_initialised_empty_root_says_nothing_ingested_in_one_line(tmp_path: Path) -> None:
    for sub in ("bronze", "cache", "warehouse", "logs"):
        (tmp_path / sub).mkdir()
    result = run_cli(["-m", "transform", "build"], tmp_path)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"error: nothing ingested in {tmp_path}/bronze: run `make ingest` (or `make demo`) first"
    ]
    assert not (tmp_path / "warehouse" / "f1.next.duckdb").exists()


def test_the_verdict_counts_what_the_table_shows() -> None:
    counts = [
        TableCount("gold", "fct_laps", 10),
        TableCount("gold", "season_champions", 0),
        TableCount("gold", "driver_career", 0),
        TableCount("gold", "fct_predictions", 0),
    ]
    assert verdict(counts) == (
        "4 served tables, 1 with rows, 3 empty as allowed "
        "(2 no history ingested, 1 no predictions made)"
    )
    assert verdict(counts[:1]) == "1 served tables, 1 with rows, none empty"


@pytest.mark.realdata
def test_a_piped_build_is_one_summary_line_and_a_few_progress_lines(
    real_warehouse: Path,
) -> None:
    root = real_warehouse.parent.parent
    result = build_console(root)
    assert ANSI not in result.stdout + result.stderr
    assert result.stdout.strip().splitlines() == [result.stdout.strip()]
    assert result.stdout.startswith("transform: built (full, ")
    assert "; published silver + gold Parquet -> " in result.stdout
    progress = result.stderr.strip().splitlines()
    assert len(progress) <= 20 and all(line.startswith("dbt build: ") for line in progress)
    log = (root / "logs" / "dbt" / "dbt.log").read_text()
    assert " START " in log and ANSI not in log  # the per-node chatter is in the log file
