"""Every bad CLI input, damaged cache file or missing network ends with ONE line on stderr, the
documented exit code (2 bad input, 4 no network), no traceback, and nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, require_shared_cache, seed_cache

RUN = [sys.executable, "-m", "ingestion", "run"]
DEAD_PROXY = "http://127.0.0.1:9"  # refuses at once: "no network" whatever this machine has


def run(args: list[str], root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The CLI with no reachable network; a timeout turns a hang or blow-up into a failure."""
    environment = {
        **os.environ,
        "EXTERNAL_DATA_ROOT": str(root),
        "HTTPS_PROXY": DEAD_PROXY,
        "HTTP_PROXY": DEAD_PROXY,
        "NO_PROXY": "",
        **env,
    }
    return subprocess.run(
        [*RUN, *args], cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def one_line(result: subprocess.CompletedProcess[str], code: int, starts: str) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == code, result.stderr[-2000:]
    assert len(lines) == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    assert lines[0].startswith(starts), lines[0]
    return lines[0]


def written(root: Path) -> list[Path]:
    return sorted(root.rglob("*")) if root.exists() else []


BAD_INPUT = [
    (["--season", "2024", "--rounds", "1-999999999999"], "error: unknown round 999999999999"),
    (["--season", "2024", "--rounds", "3,7-99999999999999999999"], "error: unknown round 9999"),
    (["--season", "2018-99999999999"], "error: unknown season 99999999999: Fast-F1 timing"),
    (["--season", "2024", "--rounds", "0-5"], "error: unknown round 0: rounds start at 1"),
    (["--season", "2024", "--sessions", ""], "error: empty --sessions"),
    (["--season", "2024", "--sessions", " , "], "error: unknown session code"),
    (["--season", ""], "error: empty --season"),
    (["--season", "2024", "--rounds", ""], "error: empty --rounds"),
    (["--season", "2024", "--cache-from", ""], "error: --cache-from is empty"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT, ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_is_one_line_exit_2_before_anything(
    tmp_path: Path, args: list[str], message: str
) -> None:
    # online without network: input is checked first, so the answer is 2, not 4
    result = run([*args, "--online"], tmp_path / "root")
    one_line(result, 2, message)
    assert written(tmp_path / "root") == []


def test_a_huge_range_offline_is_one_line_too(tmp_path: Path) -> None:
    result = run(["--season", "2024", "--rounds", "1-999999999999", "--offline"], tmp_path)
    one_line(result, 2, "error: unknown round 999999999999")
    assert written(tmp_path) == []


def test_empty_sessions_from_the_environment_are_rejected(tmp_path: Path) -> None:
    result = run(["--season", "2024", "--offline"], tmp_path / "root", INGEST_SESSIONS="")
    one_line(result, 2, "error: empty --sessions")


def test_a_cache_whose_sqlite_is_not_a_database_names_the_file(tmp_path: Path) -> None:
    source = tmp_path / "my-cache"
    source.mkdir()
    (source / "fastf1_http_cache.sqlite").write_bytes(b"this is not a database" * 100)
    result = run(["--season", "2024", "--offline", "--cache-from", str(source)], tmp_path / "root")
    line = one_line(result, 2, "error: --cache-from: ")
    assert str(source / "fastf1_http_cache.sqlite") in line and "not a Fast-F1 HTTP cache" in line
    assert written(tmp_path / "root") == []


@pytest.mark.realdata
def test_a_truncated_pickle_names_the_file_and_nothing_is_copied(tmp_path: Path) -> None:
    full = require_shared_cache()
    source = tmp_path / "my-cache"
    shutil.copytree(full, source, copy_function=shutil.copyfile)
    damaged = sorted(source.rglob("*.ff1pkl"))[-1]
    damaged.chmod(0o644)
    damaged.write_bytes(damaged.read_bytes()[:500])
    result = run(["--season", "2025", "--offline", "--cache-from", str(source)], tmp_path / "root")
    line = one_line(result, 2, "error: --cache-from: ")
    assert str(damaged) in line and "pickle" in line
    assert written(tmp_path / "root") == []


@pytest.mark.realdata
def test_a_damaged_cache_in_the_data_root_names_the_file(tmp_path: Path) -> None:
    cache = seed_cache(tmp_path, "olsonlin1996-2024-races")
    database = cache / "fastf1_http_cache.sqlite"
    database.write_bytes(b"\0" * 4096)
    result = run(["--season", "2024", "--rounds", "10", "--offline"], tmp_path)
    line = one_line(result, 2, "error: the data root's Fast-F1 cache ")
    assert str(database) in line and "not a Fast-F1 HTTP cache" in line
    assert not (tmp_path / "bronze" / "_manifest").exists()


def test_no_network_online_is_one_line_exit_4_and_nothing_written(tmp_path: Path) -> None:
    result = run(["--season", "2024", "--rounds", "10", "--sessions", "R"], tmp_path / "root")
    line = one_line(result, 4, "error: no network: Fast-F1 cannot reach livetiming.formula1.com")
    assert "--offline --cache-from" in line
    assert written(tmp_path / "root") == []


def test_help_documents_the_exit_codes(tmp_path: Path) -> None:
    result = run(["--help"], tmp_path, COLUMNS="240")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for code in ("2 bad input", "3 Fast-F1's rate limit", "4 no network"):
        assert code in text, text
    assert "--ignore-cache-version" in text and "logs/ingestion" in text
