"""The sandbox: read-only, no files, locked configuration, interrupted after the timeout, in
worker processes that are killed when they do not stop, capped in memory and in answer size."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ai.failures import WarehouseUnreadableError
from ai.sandbox import QueryFailedError, QueryLimitError, QueryTimeoutError, Sandbox
from ai.validation import SqlRejectedError


@pytest.fixture
def sandbox(synthetic_root: Path) -> Iterator[Sandbox]:
    box = Sandbox(synthetic_root / "warehouse" / "f1.duckdb", timeout_s=0.5, threads=1, workers=1)
    yield box
    box.close()


def test_reads_and_converts_values(sandbox: Sandbox) -> None:
    result = sandbox.run(
        "select driver_code, event_date, interval 90 second as t, 1.5::decimal(4, 1) as d, "
        "'nan'::double as n, [1, 2] as l from gold.dim_drivers, gold.dim_events "
        "order by driver_code, event_date limit 1"
    )
    assert result.columns == ["driver_code", "event_date", "t", "d", "n", "l"]
    assert result.types[-1] == "INTEGER[]"
    assert result.rows == [["HAM", "2024-03-02", 90000.0, 1.5, None, [1, 2]]]
    assert not result.truncated and result.values_truncated == 0


@pytest.mark.parametrize(
    "sql",
    [
        "create table gold.x as select 1",
        "delete from gold.dim_drivers",
        "select * from read_csv('/etc/passwd')",
        "attach '/tmp/evil.duckdb' as evil",
        "set enable_external_access = true",
        "set threads = 8",
        "copy gold.dim_drivers to '/tmp/out.csv'",
    ],
)
def test_the_sandbox_itself_refuses_what_validation_would(sandbox: Sandbox, sql: str) -> None:
    """Defence in depth: even SQL that skipped ai.validation cannot write, read files or unlock
    settings: DuckDB's own checks refuse it (SqlRejectedError) or the locked sandbox fails it."""
    with pytest.raises((QueryFailedError, SqlRejectedError)):
        sandbox.run(sql)
    assert sandbox.run("select count(*) from gold.dim_drivers").rows == [[3]]


def test_timeout_interrupts_and_the_sandbox_keeps_working(sandbox: Sandbox) -> None:
    with pytest.raises(QueryTimeoutError, match=r"0\.5 s timeout"):
        sandbox.run("select count(*) from gold.fct_laps a, gold.fct_laps b, gold.fct_laps c")
    assert sandbox.run("select count(*) from gold.fct_laps").rows == [[3000]]


def test_memory_bombs_that_ignore_duckdb_limits_are_stopped(sandbox: Sandbox) -> None:
    """Unvalidated output-size bombs: stopped by DuckDB's limit or the worker's RLIMIT_AS."""
    for bomb in (
        "select repeat('x', 300000000) as s",
        "select list_resize([1], 300000000) as l",
        "select printf('%0999999999d', 1) as p",
        "select list(a.lap_id || b.lap_id || c.lap_id) from gold.fct_laps a, gold.fct_laps b, "
        "gold.fct_laps c",
    ):
        with pytest.raises((QueryLimitError, QueryTimeoutError)):
            sandbox.run(bomb)
    assert sandbox.run("select count(*) from gold.fct_laps").rows == [[3000]]


def test_a_worker_that_does_not_answer_is_killed_and_replaced(sandbox: Sandbox) -> None:
    sandbox.run("select 1")
    (before,) = sandbox.worker_pids()
    sandbox.timeout_s = 0.0  # the worker's own interrupt is too late: the API kills it
    with pytest.raises(QueryTimeoutError):
        sandbox.run("select count(*) from gold.fct_laps a, gold.fct_laps b, gold.fct_laps c")
    sandbox.timeout_s = 0.5
    assert sandbox.kills == 1 and sandbox.worker_pids() != [before]
    assert sandbox.run("select count(*) from gold.dim_drivers").rows == [[3]]


def test_answers_are_cut_to_the_byte_budget(synthetic_root: Path) -> None:
    box = Sandbox(
        synthetic_root / "warehouse" / "f1.duckdb", workers=1, max_bytes=20_000, max_value_chars=50
    )
    try:
        result = box.run("select lap_id, repeat('y', 90) as pad from gold.fct_laps")
    finally:
        box.close()
    assert result.truncated and 0 < len(result.rows) < 3000
    assert result.values_truncated == len(result.rows)
    assert all(len(row[1]) == 50 for row in result.rows)


@pytest.mark.parametrize("content", [b"not a duckdb file\n" * 100, b"\0" * 8192, b""])
def test_an_unreadable_warehouse_is_a_typed_error(tmp_path: Path, content: bytes) -> None:
    broken = tmp_path / "f1.duckdb"
    broken.write_bytes(content)
    box = Sandbox(broken, workers=1)
    try:
        with pytest.raises(WarehouseUnreadableError, match="make gold"):
            box.run("select 1")
    finally:
        box.close()


def test_a_worker_that_cannot_start_is_an_error_not_a_hang(
    synthetic_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")
    box = Sandbox(synthetic_root / "warehouse" / "f1.duckdb", workers=1)
    try:
        with pytest.raises(RuntimeError, match="did not start"):
            box.run("select 1")
    finally:
        box.close()
