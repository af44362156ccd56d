"""One served table exported as Parquet into a lake version (`transform.publish`), reusing the
previous version's files where the data did not change.

A table with a `season` column (none NULL) is written hive-partitioned by season. The manifest
records a digest per partition (row count and the sum of every row's hash, over the warehouse
columns) and one of the table's published schema. A partition whose digest and schema equal the
previous version's is hard-linked from it (its files are never written in place: a version
folder is complete before anything points at it, and removed whole), so a build that added one
round writes that round's seasons only.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import duckdb

PARTITION_COLUMN = "season"
WHOLE = ""  # the partition key of an unpartitioned table


def published_type(column: str, duckdb_type: str) -> tuple[str, str]:
    """(published column name, SQL expression) for one warehouse column."""
    quoted = '"' + column.replace('"', '""') + '"'
    kind = duckdb_type.upper()
    if kind.startswith("TIMESTAMP") and "TIME ZONE" not in kind:
        if "local" in column.lower():
            return column, f"cast({quoted} as timestamp)"
        return column, f"timezone('UTC', cast({quoted} as timestamp))"
    if kind == "INTERVAL":
        return f"{column}_ms", f"cast(epoch({quoted}) * 1000 as double)"
    casts = {
        "UTINYINT": "smallint",
        "USMALLINT": "integer",
        "UINTEGER": "bigint",
        "UBIGINT": "decimal(20, 0)",
        "HUGEINT": "decimal(38, 0)",
        "UHUGEINT": "decimal(38, 0)",
        "UUID": "varchar",
        "TIME": "varchar",
        "JSON": "varchar",
    }
    if kind in casts:
        return column, f"cast({quoted} as {casts[kind]})"
    if kind.startswith("ENUM"):
        return column, f"cast({quoted} as varchar)"
    return column, quoted


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def partition_digests(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[str], partitioned: bool
) -> dict[str, str]:
    """Partition key (the season as text, 'null' for a NULL season; WHOLE unpartitioned) ->
    '<rows>:<sum of the rows' hashes>'. An empty table has no partition."""
    row_hash = f"hash({', '.join(_quoted(c) for c in columns)})"
    key = f"cast({_quoted(PARTITION_COLUMN)} as varchar)" if partitioned else f"'{WHOLE}'"
    rows = con.execute(
        f"select coalesce({key}, 'null'), count(*), cast(sum({row_hash}) as varchar) "
        f"from {relation} group by all"
    ).fetchall()
    return {str(part): f"{count}:{total}" for part, count, total in rows}


def _link_partition(previous: Path, target: Path) -> bool:
    """Hard-link every file of a previous partition folder into `target` (False: not possible,
    e.g. another file system; the caller writes the partition instead)."""
    if not previous.is_dir():
        return False
    linked = []
    target.mkdir(parents=True, exist_ok=True)
    try:
        for file in sorted(previous.iterdir()):
            os.link(file, target / file.name)
            linked.append(target / file.name)
    except OSError:
        for file in linked:
            file.unlink()
        return False
    return True


def export_table(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    target: Path,
    previous: tuple[Path, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Write `schema.table` under `target`; `previous`: the same table's folder and manifest
    entry in the previous version (its unchanged partitions are linked, not written)."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    selects, published = [], []
    for name, data_type in columns:
        out_name, expression = published_type(name, data_type)
        selects.append(f"{expression} as {_quoted(out_name)}")
        published.append(out_name)
    relation = f"{_quoted(schema)}.{_quoted(table)}"
    query = f"select {', '.join(selects)} from {relation}"
    types = {
        "columns": [
            {"name": r[0], "type": r[1]} for r in con.execute(f"describe {query}").fetchall()
        ],
        "warehouse_columns": [{"name": n, "type": t} for n, t in columns],
    }
    schema_digest = hashlib.sha256(json.dumps(types, sort_keys=True).encode()).hexdigest()[:16]
    names = [c[0] for c in columns]
    digests = partition_digests(con, relation, names, PARTITION_COLUMN in published)
    partitioned = PARTITION_COLUMN in published and bool(digests) and "null" not in digests
    if PARTITION_COLUMN in published and not partitioned:
        digests = partition_digests(con, relation, names, False)  # a NULL season: one file
    old = previous[1].get("partitions", {}) if previous is not None else {}
    if previous is None or previous[1].get("schema_digest") != schema_digest:
        old = {}
    written = []
    for part, digest in digests.items():
        folder = f"{PARTITION_COLUMN}={part}" if partitioned else ""
        reused = previous is not None and old.get(part) == digest
        if not (reused and previous and _link_partition(previous[0] / folder, target / folder)):
            written.append(part)
    if partitioned and written:
        options = f"format parquet, compression zstd, partition_by ({_quoted(PARTITION_COLUMN)})"
        if len(written) < len(digests):  # the others are linked
            keys = ", ".join(f"'{part}'" for part in written)
            query += f" where cast({_quoted(PARTITION_COLUMN)} as varchar) in ({keys})"
        if target.exists():
            options += ", overwrite_or_ignore"
        con.execute(f"copy ({query}) to '{target.as_posix()}' ({options})")
    elif written or not digests:
        target.mkdir(parents=True, exist_ok=True)
        file = (target / "data_0.parquet").as_posix()
        con.execute(f"copy ({query}) to '{file}' (format parquet, compression zstd)")
    return {
        "rows": sum(int(d.split(":")[0]) for d in digests.values()),
        "partition_by": [PARTITION_COLUMN] if partitioned else [],
        "files": sum(1 for _ in target.rglob("*.parquet")),
        **types,
        "schema_digest": schema_digest,
        "partitions": digests,
    }
