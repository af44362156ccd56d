"""lake.bronze_files: every bronze file, checked against the bronze contracts (dbt Python model).

It runs first in every build (the stg_* models depend on it): a file that is not readable
Parquet, breaks its table's contract or no longer matches the manifest's fingerprint fails the
build here, naming the file, before any silver model reads bronze. See transform/bronze_check.py.
"""

from pathlib import Path
from typing import Any


def model(dbt: Any, session: Any) -> Any:
    from transform.bronze_check import scan  # the repo root is on dbt's module_paths

    dbt.config(materialized="table")
    files = scan(Path(dbt.config.get("data_root")), previous=_last_scan(dbt, session))
    # each session-grain incremental model records here the bronze lineage it has seen
    # (post-hook record_model_lineage); created once here, before those models run in parallel
    session.execute(
        "create table if not exists lake.model_lineage ("
        "model_name varchar primary key, ingested_at timestamp, recorded_at timestamp)"
    )
    return files


def _last_scan(dbt: Any, session: Any) -> Any:
    """The previous build's scan (an incremental build runs on a copy of the served warehouse),
    or None on a first or full-refresh build."""
    found = session.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'lake' and table_name = 'bronze_files'"
    ).fetchone()
    if not found or not found[0]:
        return None
    return session.execute(f"select * from {dbt.this}").to_arrow_table()
