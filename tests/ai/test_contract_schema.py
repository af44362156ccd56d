"""The copilot tests' warehouse follows the dbt contracts: every contracted gold mart is there
with exactly its declared columns, in order, with the declared types (read back from DuckDB)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.ai.contract_schema import declared_models


def test_the_synthetic_warehouse_has_exactly_the_contracted_marts(synthetic_root: Path) -> None:
    contracted = [(layer, t, cols) for layer, t, cols, enforced in declared_models() if enforced]
    assert len(contracted) >= 10
    con = duckdb.connect(str(synthetic_root / "warehouse" / "f1.duckdb"), read_only=True)
    try:
        for layer, table, columns in contracted:
            found = con.execute(
                "select column_name, data_type from duckdb_columns() where schema_name = ? "
                "and table_name = ? order by column_index",
                [layer, table],
            ).fetchall()
            declared = [(name, str(kind).upper()) for name, kind in columns]
            assert found == declared, f"{layer}.{table}"
        served = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert {t for _, t, _ in contracted} <= served
