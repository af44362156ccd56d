"""Shared helpers of the semantic layer's tests: run a reading's SQL through the copilot's
validator on the tiny warehouse (tests/ai/semantic_warehouse.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ai.schema_catalog import Catalog, read_tables
from ai.semantic import SemanticReader
from ai.validation import validate_sql


def run(reader: SemanticReader, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(reader.warehouse), read_only=True) as con:
        served = Catalog(tables=read_tables(con, Path("/nonexistent"))).served
        validate_sql(sql, served, 100)  # raises when the copilot would refuse it
        return con.execute(sql).fetchall()


def answer(reader: SemanticReader, question: str) -> list[tuple[Any, ...]]:
    read = reader.answer(question)
    assert read.sql is not None, (question, read.reason)
    return run(reader, read.sql)
