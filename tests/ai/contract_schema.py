"""The copilot tests' served schema, generated from the dbt contracts (never hand-written).

Every model .yml under transform/models/<layer>/ (layer = the dbt schema, silver or gold, from
dbt_project.yml's folder config) contributes one table with the columns it declares, in order.
Types come from the column's `data_type` (the gold marts' enforced contracts); silver models
declare no contract, so a silver column takes the type a contract gives the same column name
(the shared keys: season, lap_time_ms, ...) and VARCHAR when none does.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

MODELS = Path(__file__).resolve().parents[2] / "transform" / "models"
LAYERS = ("silver", "gold")

Table = tuple[str, str, tuple[tuple[str, str | None], ...], bool]


def declared_models() -> list[Table]:
    """(layer, model, ((column, data_type or None), ...), contract enforced) per model."""
    found: list[Table] = []
    for path in sorted(MODELS.rglob("*.yml")):
        layer = path.relative_to(MODELS).parts[0]
        if layer not in LAYERS:
            continue
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            columns = tuple((c["name"], c.get("data_type")) for c in model.get("columns", []))
            enforced = bool(model.get("config", {}).get("contract", {}).get("enforced"))
            if columns:
                found.append((layer, model["name"], columns, enforced))
    return found


@cache
def contract_schema() -> dict[str, dict[str, dict[str, str]]]:
    """{layer: {table: {column: duckdb type}}} from the contracts."""
    models = declared_models()
    by_name = {name: kind for _, _, cols, _ in models for name, kind in cols if kind}
    schema: dict[str, dict[str, dict[str, str]]] = {}
    for layer, table, columns, _ in models:
        schema.setdefault(layer, {})[table] = {
            name: (kind or by_name.get(name) or "varchar") for name, kind in columns
        }
    return schema


def contract_ddl() -> str:
    statements = [f"create schema if not exists {layer};" for layer in LAYERS]
    for layer, tables in contract_schema().items():
        for table, columns in tables.items():
            cols = ", ".join(f'"{name}" {kind}' for name, kind in columns.items())
            statements.append(f"create table {layer}.{table} ({cols});")
    return "\n".join(statements)
