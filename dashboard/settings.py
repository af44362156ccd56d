"""Settings of the dashboard (environment variables; see f1lake.settings.CoreSettings)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from f1lake.settings import CoreSettings


class DashboardSettings(CoreSettings):
    """Where the warehouse and the copilot are, and how the dashboard serves."""

    ai_service_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Base URL of the copilot API the AI Copilot page calls (AI_SERVICE_URL).",
    )
    dashboard_port: int = Field(
        default=8501, ge=1, le=65535, description="Port of `dashboard serve` (DASHBOARD_PORT)."
    )
    copilot_timeout_s: float = Field(
        default=90.0,
        gt=0,
        description="Seconds the Copilot page waits for an answer (COPILOT_TIMEOUT_S).",
    )
    query_cache_ttl_s: int = Field(
        default=300,
        ge=0,
        description="Seconds a query result stays cached (also refreshed on every warehouse swap).",
    )

    @property
    def warehouse_path(self) -> Path:
        return self.layout.warehouse
