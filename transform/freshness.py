"""Decide whether an incremental build is safe: sessions already served but re-ingested since
the served warehouse was built (e.g. `ingest --force`) need a full rebuild."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

logger = logging.getLogger(__name__)


def reingested_sessions(served: Path, manifest: Path) -> list[str]:
    """Session ids served by `served` whose bronze was re-ingested after that build."""
    if not served.is_file() or not any(manifest.glob("**/*.parquet")):
        return []
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"ATTACH '{served.as_posix()}' AS served (READ_ONLY)")
        rows = con.execute(
            f"""
            with manifest as (
                select
                    printf('%04d-%02d-%s', cast(season as integer), cast(round as integer),
                           session) as session_id,
                    cast(ingested_at as timestamp) as ingested_at
                from read_parquet('{manifest.as_posix()}/**/*.parquet',
                                  hive_partitioning = true, union_by_name = true)
                where status = 'ok'
            )
            select distinct manifest.session_id
            from manifest
            join served.silver.stg_sessions as s using (session_id)
            where manifest.ingested_at >
                (select max(built_at) from served.gold.warehouse_build_info)
            order by 1
            """
        ).fetchall()
    except duckdb.Error as exc:  # an older or foreign warehouse: play safe
        logger.warning("cannot compare bronze with the served warehouse (%s); full build", exc)
        return ["<unknown>"]
    finally:
        con.close()
    return [r[0] for r in rows]
