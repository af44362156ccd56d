"""Settings of the ingestion service (extends the shared core settings)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field

from f1lake.settings import CoreSettings


class IngestionSettings(CoreSettings):
    """What to ingest and how; every field can be set from the environment."""

    ingest_season: str = Field(default="2024", description="Season(s): 2024, 2018-2026, 2023,2024")
    ingest_rounds: str = Field(default="all", description="Rounds: 4, 1-3, 1,4,6 or all")
    ingest_sessions: str = Field(
        default="FP1,FP2,FP3,SQ,SS,S,Q,R", description="Fast-F1 session codes, or all"
    )
    fastf1_cache_dir: Path | None = Field(
        default=None, description="Fast-F1 HTTP cache folder; default <data root>/cache"
    )
    ingest_offline: bool = Field(default=False, description="Use only the Fast-F1 cache")
    ingest_telemetry: bool = Field(default=False, description="Also ingest car_data and position")
    f1_cache_from: str | None = Field(
        default=None, description="Fast-F1 cache folder(s) to copy in first (':'-separated)"
    )
    ingest_ignore_cache_version: bool = Field(
        default=False, description="Use pickles written by older Fast-F1 versions"
    )

    openf1_base_url: str = Field(
        default="https://api.openf1.org/v1", description="OpenF1 API base URL (no trailing /)"
    )
    openf1_backoff_seconds: float = Field(
        default=2.0, ge=0, description="First wait before retrying an OpenF1 call (doubles)"
    )
    openf1_calls_per_second: int = Field(
        default=3, ge=1, description="OpenF1's limit without an account: calls a second"
    )
    openf1_calls_per_minute: int = Field(
        default=30, ge=1, description="OpenF1's limit without an account: calls a minute"
    )
    openf1_listing_max_age_hours: float = Field(
        default=6.0, ge=0, description="How long a cached season listing (sessions) is reused"
    )

    @property
    def cache_sources(self) -> list[Path]:
        """F1_CACHE_FROM as folders (os.pathsep-separated); empty when unset."""
        text = self.f1_cache_from or ""
        return [Path(part).expanduser() for part in text.split(os.pathsep) if part.strip()]

    @property
    def cache_dir(self) -> Path:
        return (self.fastf1_cache_dir or self.layout.cache).expanduser().absolute()
