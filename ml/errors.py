"""The ml package's typed errors, importable without the models' libraries (the copilot's API
maps them to HTTP answers without loading scikit-learn)."""

from __future__ import annotations

from pathlib import Path


class NoSuchRaceError(ValueError):
    def __init__(self, season: int, round_number: int) -> None:
        super().__init__(
            f"no race {season} round {round_number} in gold.ml_driver_race_features "
            "(ingest its season's history, then `make gold`)"
        )


class NoModelError(RuntimeError):
    def __init__(self, folder: Path) -> None:
        super().__init__(f"no trained model under {folder}: run `python -m ml train` first")
