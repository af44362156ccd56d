"""How the dashboard's SQL reaches the warehouse (the statements are in this package's other
modules, one per page group).

Connection strategy (chosen on purpose): NO long-lived connection. The transform swaps the served
file atomically (a new file renamed over `<root>/warehouse/f1.duckdb`), so a connection held open
across a rebuild would keep reading the replaced file forever. Each query therefore opens a
short-lived read-only connection through `f1lake.warehouse.read_connection` and closes it.

Results are cached with `st.cache_data(ttl=…)`, keyed on the warehouse file's identity
(inode, mtime, size): a swap changes the identity, so every page reads the new build on its next
rerun, while reruns on an unchanged file cost no query at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.settings import DashboardSettings
from f1lake.warehouse import read_connection, warehouse_identity

logger = logging.getLogger(__name__)

CACHE_TTL_S = DashboardSettings().query_cache_ttl_s


class WarehouseOutdatedError(RuntimeError):
    """The warehouse exists but lacks a served table (built by an older transform)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "The warehouse is missing tables this dashboard reads: rebuild it with `make gold`."
            f" ({detail.splitlines()[0]})"
        )


@dataclass(frozen=True)
class WarehouseKey:
    """A served warehouse file and its identity; the identity changes on every swap."""

    path: str
    inode: int
    mtime_ns: int
    size: int


def warehouse_key(path: Path | None = None) -> WarehouseKey:
    """The current served file, or WarehouseMissingError (message names `make gold`)."""
    target = path or DashboardSettings().warehouse_path
    found = warehouse_identity(target)
    return WarehouseKey(str(target), found.inode, found.mtime_ns, found.size)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=512, show_spinner=False)
def run_query(key: WarehouseKey, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
    """One statement on a short-lived read-only connection; cached per warehouse identity."""
    try:
        with read_connection(Path(key.path)) as con:
            return con.execute(sql, list(params)).df()
    except duckdb.CatalogException as error:
        raise WarehouseOutdatedError(str(error)) from error


def scalar_frame(key: WarehouseKey, sql: str, params: tuple[Any, ...] = ()) -> dict[str, Any]:
    frame = run_query(key, sql, params)
    return {} if frame.empty else {str(k): v for k, v in frame.iloc[0].items()}
