"""One pydantic-settings base for every service; each service extends it with its own fields.

Environment variables are the only configuration channel (plus an optional `.env` file in the
working directory). Nothing else in the project reads `os.environ` directly.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class CoreSettings(BaseSettings):
    """Settings every service shares: where the data root is and how loud to log."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    external_data_root: Path = Field(
        default=Path("./data"),
        description="Data root on external storage; /opt/data inside containers.",
    )
    log_level: LogLevel = Field(default="INFO", description="Log level of the project's loggers.")

    @cached_property
    def layout(self) -> DataLayout:
        return DataLayout(self.external_data_root)


class DataLayout:
    """The folders under the data root. Pure path arithmetic: nothing is created here."""

    SUBDIRS = ("bronze", "silver", "gold", "cache", "warehouse", "ollama", "logs")

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().absolute()

    @property
    def bronze(self) -> Path:
        return self.root / "bronze"

    @property
    def manifest(self) -> Path:
        return self.bronze / "_manifest"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def warehouse_dir(self) -> Path:
        return self.root / "warehouse"

    @property
    def warehouse(self) -> Path:
        """The served warehouse file readers open (swapped in atomically by the transform)."""
        return self.warehouse_dir / "f1.duckdb"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def history(self) -> Path:
        """The Ergast/Jolpica history in bronze (one folder per history table)."""
        return self.bronze / "history"

    @property
    def lake(self) -> Path:
        """Published Parquet versions of silver and gold (transform.publish)."""
        return self.root / "lake"

    @property
    def models(self) -> Path:
        """The ml registry: served models and candidates."""
        return self.root / "models"

    @property
    def predictions(self) -> Path:
        """Race predictions, hive-partitioned by season and round."""
        return self.root / "predictions"

    @property
    def copilot_spill(self) -> Path:
        """Where the copilot's sandboxed DuckDB may spill (its size capped by the service)."""
        return self.root / "tmp" / "copilot"

    @property
    def openf1_manifest(self) -> Path:
        """The OpenF1 manifest: one entry per session, like the Fast-F1 one."""
        return self.bronze / "openf1" / "_manifest"

    @property
    def openf1_cache(self) -> Path:
        """OpenF1 responses, one JSON file per request (re-runs make no calls)."""
        return self.cache / "openf1"

    @property
    def update_lock(self) -> Path:
        """Held by `python -m ingestion update` while it runs (one run at a time)."""
        return self.root / "update.lock"

    def bronze_table(self, table: str) -> Path:
        return self.bronze / table
