"""One pydantic-settings base for every service; each service extends it with its own fields.

Environment variables are the only configuration channel (plus an optional `.env` file in the
working directory). Nothing else in the project reads `os.environ` directly.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

from f1lake.dotenv import read_dotenv

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

    def model_post_init(self, context: Any, /) -> None:
        warn_unknown_variables()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """pydantic's order (arguments, environment, .env, secrets), .env read by f1lake.dotenv."""
        return init_settings, env_settings, DotEnvFile(settings_cls), file_secret_settings


class DotEnvFile(DotEnvSettingsSource):
    """pydantic-settings' .env source with the file read by f1lake.dotenv, the reader the
    Makefile uses too (one reader of .env)."""

    def _read_env_file(self, file_path: Path) -> Mapping[str, str | None]:
        return parse_env_vars(
            dict(read_dotenv(file_path)),
            self.case_sensitive,
            self.env_ignore_empty,
            self.env_parse_none_str,
        )


# Prefixes of the services' own variables: one of these in the environment that .env.example
# does not document is a typo or a stale setting, which pydantic would silently ignore. (Shared
# prefixes such as F1_, LLM_ or INGEST_ also name scripts' and Make's own variables.)
OWN_PREFIXES = ("COPILOT_", "DASHBOARD_", "TRANSFORM_", "ML_", "OLLAMA_")
_NAME = re.compile(r"^\s*#?\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", re.M)  # set or #NAME=


def documented_variables(example: Path = Path(".env.example")) -> set[str] | None:
    """Every variable .env.example names (set or `#NAME=`), None where it is not at hand."""
    try:
        return set(_NAME.findall(example.read_text()))
    except OSError:
        return None


def unknown_variables(
    env_file: Path = Path(".env"),
    example: Path = Path(".env.example"),
    environ: Mapping[str, str] | None = None,
) -> list[str]:
    """Variables set in `env_file` (every one), and environment variables with one of
    OWN_PREFIXES, that .env.example does not document (nothing to compare with: none)."""
    known = documented_variables(example)
    if known is None:
        return []
    names = set(read_dotenv(env_file))
    environ = os.environ if environ is None else environ
    names |= {n for n in environ if n.startswith(OWN_PREFIXES)}
    return sorted(names - known)


@cache
def warn_unknown_variables() -> None:
    """One warning per process naming the variables no service reads (the files are read once,
    not at every Settings instantiation)."""
    unknown = unknown_variables()
    if unknown:
        logging.getLogger(__name__).warning(
            "settings: %s not read by any service (see .env.example); ignored", ", ".join(unknown)
        )


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
    def staging(self) -> Path:
        """Where bronze files are written before their atomic rename: beside bronze/ (the same
        file system), never under it."""
        return self.root / ".staging"

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
