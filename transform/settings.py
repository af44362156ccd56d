"""Settings of the transform service (environment variables; see CoreSettings)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from f1lake.settings import CoreSettings

PROJECT_DIR = Path(__file__).resolve().parent


class TransformSettings(CoreSettings):
    """Where the dbt project lives and how hard dbt may work."""

    transform_threads: int = Field(default=2, ge=1, description="dbt threads (TRANSFORM_THREADS).")
    transform_memory_limit: str = Field(
        default="2GB", description="DuckDB memory limit while building (TRANSFORM_MEMORY_LIMIT)."
    )
    dbt_project_dir: Path = Field(
        default=PROJECT_DIR, description="Folder holding dbt_project.yml (DBT_PROJECT_DIR)."
    )

    @property
    def dbt_work_dir(self) -> Path:
        """dbt's target and log folders, kept per data root (so roots never share state)."""
        return self.layout.logs / "dbt"
