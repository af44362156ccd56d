"""The sandbox: read-only, no files, locked configuration, interrupted after the timeout."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai.sandbox import QueryFailedError, QueryTimeoutError, Sandbox


@pytest.fixture
def sandbox(synthetic_root: Path) -> Sandbox:
    return Sandbox(synthetic_root / "warehouse" / "f1.duckdb", timeout_s=0.5, threads=1)


def test_reads_and_converts_values(sandbox: Sandbox) -> None:
    result = sandbox.run(
        "select driver_code, event_date, interval 90 second as t, 1.5::decimal(4, 1) as d, "
        "'nan'::double as n from gold.dim_drivers, gold.dim_events "
        "order by driver_code, event_date limit 1"
    )
    assert result.columns == ["driver_code", "event_date", "t", "d", "n"]
    assert result.rows == [["HAM", "2024-03-02", 90000.0, 1.5, None]]


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
    """Defence in depth: even unvalidated SQL cannot write, read files or unlock settings."""
    with pytest.raises(QueryFailedError):
        sandbox.run(sql)
    assert sandbox.run("select count(*) from gold.dim_drivers").rows == [[3]]


def test_timeout_interrupts_and_the_sandbox_keeps_working(sandbox: Sandbox) -> None:
    with pytest.raises(QueryTimeoutError, match=r"0\.5 s timeout"):
        sandbox.run("select count(*) from gold.fct_laps a, gold.fct_laps b, gold.fct_laps c")
    assert sandbox.run("select count(*) from gold.fct_laps").rows == [[3000]]
