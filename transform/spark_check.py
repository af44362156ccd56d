"""Spark reads the lake's three layers: row counts and sampled values against DuckDB's.

`python -m transform spark-check` opens every bronze table, and every silver and gold table of
the published version (`lake/current`), with pyspark `local[2]` and Spark's DEFAULT read
settings (`spark.read.parquet(path)`, nothing else), and compares with DuckDB:

- bronze: DuckDB reads the same files (`read_parquet`, hive partitions);
- silver/gold: DuckDB reads the served warehouse file (`warehouse/f1.duckdb`), whose build id must
  be the published version's.

Per table: Spark's row count equals DuckDB's, Spark's columns are DuckDB's, and sampled rows
(ranked by every column in both engines) have equal values: timestamps compared as epoch
microseconds, dates as ISO text, integers (durations in `_ms`/`_us`) and floats exactly.
pyspark is a dev dependency (`poetry install --with dev`); it needs Java 17+ (Debian
`openjdk-17-jre-headless`, see scripts/ensure_java.sh).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from f1lake.settings import DataLayout
from f1lake.warehouse import detect_schemas
from transform import publish
from transform.lake_export import published_type

SAMPLE_ROWS = 5
_NUMERIC_PARTITION = re.compile(r"^-?\d+$")


@dataclass(frozen=True)
class LakeTable:
    layer: str
    name: str
    path: Path  # what Spark reads
    source: str  # the DuckDB relation it is compared with
    canonical: dict[str, str]  # published column -> DuckDB expression of its comparable value
    utc_columns: frozenset[str] = frozenset()  # must reach Spark as `timestamp` (UTC instants)


@dataclass
class TableCheck:
    layer: str
    name: str
    duckdb_rows: int
    spark_rows: int
    sampled: int = 0
    problems: list[str] = field(default_factory=list)


class LakeCheckError(RuntimeError):
    """The lake cannot be checked (nothing published, or warehouse and lake disagree)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def duckdb_canonical(column: str, duckdb_type: str) -> str:
    """A DuckDB expression giving the value Spark's canonical expression must equal."""
    kind, quoted = duckdb_type.upper(), _quote(column)
    if kind.startswith("TIMESTAMP"):
        return f"epoch_us({quoted})"  # a naive TIMESTAMP counts as UTC, like the published one
    if kind == "DATE":
        return f"cast({quoted} as varchar)"
    return published_type(column, duckdb_type)[1]


def _hive_types(files: list[Path], table_dir: Path) -> dict[str, str]:
    values: dict[str, set[str]] = {}
    for file in files:
        for part in file.relative_to(table_dir).parts[:-1]:
            key, _, value = part.partition("=")
            values.setdefault(key, set()).add(value)
    return {
        key: "INTEGER" if all(_NUMERIC_PARTITION.match(v) for v in vals) else "VARCHAR"
        for key, vals in values.items()
    }


def _bronze_tables(con: duckdb.DuckDBPyConnection, bronze: Path) -> list[LakeTable]:
    tables = []
    for table_dir in sorted(p for p in bronze.iterdir() if p.is_dir()):
        if table_dir.name.startswith(("_", ".")):
            continue  # the ingestion manifest and hidden folders are not data tables
        files = sorted(table_dir.rglob("*.parquet"))
        if not files:
            continue
        types = ", ".join(f"'{k}': '{v}'" for k, v in _hive_types(files, table_dir).items())
        glob = (table_dir / "**" / "*.parquet").as_posix()
        source = f"read_parquet('{glob}', hive_partitioning = true, hive_types = {{{types}}})"
        columns = con.execute(f"describe select * from {source}").fetchall()
        canonical = {name: duckdb_canonical(name, kind) for name, kind, *_ in columns}
        utc = frozenset(n for n, kind, *_ in columns if kind == "TIMESTAMP WITH TIME ZONE")
        tables.append(LakeTable("bronze", table_dir.name, table_dir, source, canonical, utc))
    return tables


def lake_tables(con: duckdb.DuckDBPyConnection, root: Path) -> list[LakeTable]:
    """Every bronze table, then every published silver and gold table (warehouse attached as wh)."""
    bronze = DataLayout(root).bronze
    tables = _bronze_tables(con, bronze) if bronze.is_dir() else []
    version = publish.current_version(root)
    if version is None:
        lake = DataLayout(root).lake
        raise LakeCheckError(f"nothing published under {lake}: run `make gold` first")
    gold = detect_schemas(con, "wh").gold
    served = con.execute(f'select build_id from wh."{gold}".warehouse_build_info').fetchall()
    served_id = str(served[0][0]) if served else None
    for layer in ("silver", "gold"):
        manifest = publish.read_manifest(version, layer)
        if manifest["build_id"] != served_id:
            raise LakeCheckError(
                f"lake/current ({version.name}) is build {manifest['build_id']}, "
                f"the served warehouse is build {served_id}"
            )
        for name, entry in manifest["tables"].items():
            canonical = {
                published_type(c["name"], c["type"])[0]: duckdb_canonical(c["name"], c["type"])
                for c in entry["warehouse_columns"]
            }
            utc = frozenset(
                c["name"]
                for c in entry["warehouse_columns"]
                if c["type"].startswith("TIMESTAMP") and "local" not in c["name"].lower()
            )
            source = f'wh."{manifest["warehouse_schema"]}"."{name}"'
            path = version / layer / name
            tables.append(LakeTable(layer, name, path, source, canonical, utc))
    return tables


def spark_canonical(column: str, spark_type: str) -> str:
    quoted = f"`{column.replace('`', '``')}`"
    if spark_type == "timestamp":
        return f"unix_micros({quoted})"
    if spark_type == "timestamp_ntz":
        return f"timestampdiff(MICROSECOND, TIMESTAMP_NTZ'1970-01-01 00:00:00', {quoted})"
    if spark_type == "date":
        return f"cast({quoted} as string)"
    return quoted


def _ranked(select: str, columns: list[str], ranks: list[int], quote: Any) -> str:
    aliases = [quote(f"c{i}") for i in range(len(columns))]
    order = ", ".join(f"{a} asc nulls first" for a in aliases)
    wanted = ", ".join(str(r) for r in ranks)
    return (
        f"select * from (select *, row_number() over (order by {order}) as rn__ "
        f"from ({select}) ranked__) picked__ where rn__ in ({wanted}) order by rn__"
    )


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return bool(a == b)


def sample_ranks(rows: int, sample: int) -> list[int]:
    if rows == 0:
        return []
    return sorted({1 + (rows - 1) * i // max(sample - 1, 1) for i in range(sample)})


def check_table(
    spark: Any, con: duckdb.DuckDBPyConnection, table: LakeTable, sample: int = SAMPLE_ROWS
) -> TableCheck:
    duck_rows = int(con.execute(f"select count(*) from {table.source}").fetchall()[0][0])
    try:
        frame = spark.read.parquet(str(table.path))
        spark_types = {f.name: f.dataType.simpleString() for f in frame.schema.fields}
        spark_count = frame.count()
    except Exception as exc:  # Spark's AnalysisException and friends: report, check the rest
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        failed = TableCheck(table.layer, table.name, duck_rows, -1)
        failed.problems.append(f"Spark cannot read it: {message[:300]}")
        return failed
    result = TableCheck(table.layer, table.name, duck_rows, spark_count)
    if result.spark_rows != duck_rows:
        result.problems.append(f"rows: Spark {result.spark_rows}, DuckDB {duck_rows}")
    if set(spark_types) != set(table.canonical):
        result.problems.append(
            f"columns differ: only Spark {sorted(set(spark_types) - set(table.canonical))}, "
            f"only DuckDB {sorted(set(table.canonical) - set(spark_types))}"
        )
        return result
    for column in sorted(table.utc_columns):
        if spark_types.get(column) != "timestamp":
            result.problems.append(f"{column}: Spark reads {spark_types.get(column)}, not UTC")
    columns = [c for c in table.canonical if not spark_types[c].startswith(("array", "struct"))]
    ranks = sample_ranks(min(duck_rows, result.spark_rows), sample)
    if not ranks:
        return result
    view = f"lake_{table.layer}_{table.name}"
    frame.createOrReplaceTempView(view)
    spark_select = ", ".join(
        f"{spark_canonical(c, spark_types[c])} as c{i}" for i, c in enumerate(columns)
    )
    duck_select = ", ".join(f"{table.canonical[c]} as c{i}" for i, c in enumerate(columns))
    spark_sql = _ranked(f"select {spark_select} from {view}", columns, ranks, lambda a: a)
    duck_sql = _ranked(f"select {duck_select} from {table.source}", columns, ranks, _quote)
    spark_rows = [tuple(r)[: len(columns)] for r in spark.sql(spark_sql).collect()]
    duck_rows_sample = [r[: len(columns)] for r in con.execute(duck_sql).fetchall()]
    result.sampled = len(duck_rows_sample)
    for rank, s_row, d_row in zip(ranks, spark_rows, duck_rows_sample, strict=False):
        for column, s_value, d_value in zip(columns, s_row, d_row, strict=True):
            if not _same(s_value, d_value):
                result.problems.append(
                    f"row {rank} {column} ({spark_types[column]}): "
                    f"Spark {s_value!r}, DuckDB {d_value!r}"
                )
    if len(spark_rows) != len(duck_rows_sample):
        result.problems.append(f"sampled {len(spark_rows)} Spark rows, {result.sampled} DuckDB")
    return result


def open_duckdb(root: Path) -> duckdb.DuckDBPyConnection:
    """In-memory DuckDB with the served warehouse attached read-only as `wh`."""
    warehouse = DataLayout(root).warehouse
    if not warehouse.is_file():
        raise LakeCheckError(f"no warehouse at {warehouse}: run `make gold` first")
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{warehouse.as_posix()}' AS wh (READ_ONLY)")
    return con


def spark_session() -> Any:
    """A local[2] Spark session; only the UI and progress bars are switched off (no read
    setting is changed)."""
    from pyspark.sql import SparkSession

    logging.getLogger("py4j").setLevel(logging.WARNING)

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("f1-lake-spark-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def check_lake(spark: Any, root: Path, sample: int = SAMPLE_ROWS) -> list[TableCheck]:
    con = open_duckdb(root)
    try:
        return [check_table(spark, con, table, sample) for table in lake_tables(con, root)]
    finally:
        con.close()
