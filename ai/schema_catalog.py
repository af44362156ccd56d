"""What the copilot knows about the warehouse: served tables, columns, types, descriptions and
the real values of the key dimensions (seasons, events, drivers, teams, session codes).

Descriptions come from the DuckDB comments dbt persists (persist_docs) and, failing that, from
dbt's manifest.json under <data root>/logs/dbt/target. The catalog is cached per warehouse file
(inode, size, mtime), so an atomic rebuild of the warehouse is picked up on the next question.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import duckdb

from ai.dimensions import Dimensions, read_dimensions
from ai.validation import ServedSchema
from f1lake.warehouse import (
    FileIdentity,
    WarehouseMissingError,
    detect_schemas,
    read_connection,
    warehouse_identity,
)

log = logging.getLogger(__name__)


SHARED_KEYS = frozenset(
    {
        "season",
        "round",
        "session_code",
        "event_id",
        "session_id",
        "driver_code",
        "driver_number",
        "team_name",
        "ingested_at",
        "session_type",
        "driver_ref",
        "constructor_ref",
        "circuit_ref",
    }
)


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    description: str = ""


@dataclass(frozen=True)
class TableInfo:
    schema: str
    name: str
    description: str
    columns: tuple[ColumnInfo, ...]

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True)
class Catalog:
    tables: tuple[TableInfo, ...]
    dimensions: Dimensions = field(default_factory=Dimensions)

    @cached_property
    def served(self) -> ServedSchema:
        mapping: dict[str, dict[str, dict[str, str]]] = {}
        for table in self.tables:
            mapping.setdefault(table.schema, {})[table.name] = {
                c.name: c.type for c in table.columns
            }
        return ServedSchema(mapping)

    def ddl(self) -> str:
        """Served schema as compact commented DDL for the model's prompt: gold tables with
        column descriptions (the shared keys are explained once in the rules), silver tables
        as one line of columns (they are there, but gold answers most questions)."""
        parts = []
        for table in self.tables:
            if table.schema != "gold":
                cols = ", ".join(f"{c.name} {c.type}" for c in table.columns)
                parts.append(f"CREATE TABLE {table.qualified} ({cols});")
                continue
            lines = [f"-- {table.description}"] if table.description else []
            lines.append(f"CREATE TABLE {table.qualified} (")
            last = len(table.columns) - 1
            for i, c in enumerate(table.columns):
                comment = c.description if c.description and c.name not in SHARED_KEYS else ""
                sep = "," if i < last else ""
                lines.append(f"  {c.name} {c.type}{sep}" + (f"  -- {comment}" if comment else ""))
            parts.append("\n".join(lines) + "\n);")
        return "\n".join(parts)

    def dimension_text(self) -> str:
        dims = self.dimensions
        seasons = ", ".join(str(s) for s in dims.seasons)
        by_season: dict[int, list[str]] = {}
        for e in dims.events:
            short = e.event_name.removesuffix(" Grand Prix")
            by_season.setdefault(e.season, []).append(f"{e.round:02d} {short}")
        events = "\n".join(f"  {s}: {', '.join(names)}" for s, names in sorted(by_season.items()))
        drivers = ", ".join(f"{d.code}={d.full_name}" for d in dims.drivers)
        return "\n".join(
            [
                f"Seasons: {seasons}",
                "Events per season (event_id = season-round, e.g. 2024-10; names without "
                f"' Grand Prix'):\n{events}",
                f"Drivers (driver_code=name): {drivers}",
                f"Teams: {', '.join(dims.teams)}",
                f"Session codes: {', '.join(dims.session_codes)}",
            ]
        )


def manifest_descriptions(manifest: Path) -> dict[tuple[str, str], tuple[str, dict[str, str]]]:
    """(schema, table) -> (table description, {column: description}) from dbt's manifest."""
    try:
        nodes = json.loads(manifest.read_text(encoding="utf-8")).get("nodes", {})
    except (OSError, ValueError):
        return {}
    found: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
    for node in nodes.values():
        if node.get("resource_type") != "model":
            continue
        name = node.get("alias") or node.get("name", "")
        columns = {c: v.get("description", "") for c, v in node.get("columns", {}).items()}
        found[(node.get("schema", ""), name)] = (node.get("description", ""), columns)
    return found


def read_tables(con: duckdb.DuckDBPyConnection, manifest: Path) -> tuple[TableInfo, ...]:
    served = detect_schemas(con).names()
    placeholders = ", ".join("?" for _ in served)
    table_comments = dict(
        ((r[0], r[1]), r[2] or "")
        for r in con.execute(
            "select schema_name, table_name, comment from duckdb_tables() where schema_name in "
            f"({placeholders}) and database_name = current_database() union all "
            "select schema_name, view_name, comment from duckdb_views() where schema_name in "
            f"({placeholders}) and database_name = current_database()",
            [*served, *served],
        ).fetchall()
    )
    columns: dict[tuple[str, str], list[ColumnInfo]] = {}
    for schema, table, column, dtype, comment in con.execute(
        "select schema_name, table_name, column_name, data_type, comment from duckdb_columns() "
        f"where schema_name in ({placeholders}) and database_name = current_database() "
        "order by schema_name, table_name, column_index",
        list(served),
    ).fetchall():
        columns.setdefault((schema, table), []).append(ColumnInfo(column, dtype, comment or ""))
    docs = manifest_descriptions(manifest)
    tables = []
    ordered = sorted(columns.items(), key=lambda kv: (kv[0][0] != "gold", kv[0]))
    for (schema, table), cols in ordered:
        table_doc, col_docs = docs.get((schema, table), ("", {}))
        described = tuple(
            ColumnInfo(c.name, c.type, c.description or col_docs.get(c.name, "")) for c in cols
        )
        description = table_comments.get((schema, table), "") or table_doc
        tables.append(TableInfo(schema, table, description, described))
    return tuple(tables)


def load_catalog(warehouse: Path, manifest: Path) -> Catalog:
    with read_connection(warehouse) as con:
        return Catalog(tables=read_tables(con, manifest), dimensions=read_dimensions(con))


class CatalogCache:
    """Loads the catalog once per warehouse file version (atomic swaps change the inode)."""

    def __init__(self, warehouse: Path, manifest: Path) -> None:
        self.warehouse = warehouse
        self.manifest = manifest
        self._lock = threading.Lock()
        self._key: FileIdentity | None = None
        self._catalog: Catalog | None = None

    def get(self) -> Catalog:
        try:
            key: FileIdentity | None = warehouse_identity(self.warehouse)
        except WarehouseMissingError:
            key = None
        with self._lock:
            if self._catalog is None or key != self._key:
                self._catalog = load_catalog(self.warehouse, self.manifest)
                self._key = key
            return self._catalog
