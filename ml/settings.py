"""Settings of the ml service (train / backtest / predict)."""

from __future__ import annotations

from pydantic import Field

from f1lake.settings import CoreSettings


class MlSettings(CoreSettings):
    ml_seed: int = Field(
        default=42, description="Random seed of every model (same data + seed = same predictions)."
    )
    ml_min_train_season: int = Field(
        default=1950, description="First season the models learn from (walk-forward: up to S-1)."
    )
    ml_train_window: int = Field(
        default=10,
        ge=1,
        description="Seasons the models learn from: the ones before the season predicted.",
    )
