"""Bad input: one clear line, exit code 2, and no session loaded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingestion.errors import SelectionError
from ingestion.selection import parse_rounds, parse_seasons, parse_sessions
from tests.conftest import run_cli, seed_cache


def test_parsers_accept_the_documented_forms() -> None:
    assert parse_seasons("2024", dt.date(2026, 1, 1)) == [2024]
    assert parse_seasons("2018-2020,2024", dt.date(2026, 1, 1)) == [2018, 2019, 2020, 2024]
    assert parse_rounds("4") == [4]
    assert parse_rounds("1-3") == [1, 2, 3]
    assert parse_rounds("1,4,6") == [1, 4, 6]
    assert parse_rounds("all") is None
    assert parse_sessions("q,SS,S") == ["SS", "S", "Q"]
    assert parse_sessions("all") == ["FP1", "FP2", "FP3", "SQ", "SS", "S", "Q", "R"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("1999", "unknown season 1999"),
        ("2024-2020", "start is after end"),
        ("20x4", "invalid season '20x4'"),
    ],
)
def test_bad_seasons_are_rejected(spec: str, message: str) -> None:
    with pytest.raises(SelectionError, match=message):
        parse_seasons(spec)


BAD_INPUTS = [
    (["--season", "1990"], "error: unknown season 1990: Fast-F1 timing data covers 2018-"),
    (["--season", "2024", "--sessions", "FP4"], "error: unknown session code FP4: use FP1"),
    (["--season", "2024", "--rounds", "0"], "error: unknown round 0: rounds start at 1"),
    (["--season", "2024", "--rounds", "1-x"], "error: invalid round 'x': expected a number"),
    (["--season", "2024", "--rounds", "30"], "error: unknown round 30 for season 2024"),
]


@pytest.mark.realdata
@pytest.mark.parametrize(("args", "message"), BAD_INPUTS)
def test_cli_rejects_bad_input_before_any_load(
    tmp_path: Path, args: list[str], message: str
) -> None:
    seed_cache(tmp_path, "olsonlin1996-2024-races")
    result = run_cli(["-m", "ingestion", "run", "--offline", *args], tmp_path)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(message), lines[0]
    assert "Traceback" not in result.stderr
    # nothing was loaded: no session partitions and no manifest entries
    assert not (tmp_path / "bronze" / "_manifest").exists()
    assert not (tmp_path / "bronze" / "results").exists()


def test_cli_rejects_missing_cache_from(tmp_path: Path) -> None:
    result = run_cli(
        ["-m", "ingestion", "run", "--season", "2024", "--cache-from", str(tmp_path / "nope")],
        tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: --cache-from: no Fast-F1 cache at")
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_explains_every_option(tmp_path: Path) -> None:
    result = run_cli(["-m", "ingestion", "run", "--help"], tmp_path)
    assert result.returncode == 0
    for option in (
        "--season",
        "--rounds",
        "--sessions",
        "--telemetry",
        "--force",
        "--offline",
        "--cache-from",
    ):
        assert option in result.stdout
