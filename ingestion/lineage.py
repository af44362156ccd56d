"""Lineage stamped on every bronze row and manifest entry: when, which Fast-F1, from where."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.metadata import version

FASTF1_VERSION: str = version("fastf1")  # read without importing Fast-F1 (slow to import)


@dataclass(frozen=True)
class Lineage:
    """Where every bronze row came from."""

    ingested_at: dt.datetime
    fastf1_version: str
    source: str

    @classmethod
    def now(cls, *, offline: bool) -> Lineage:
        return cls(
            ingested_at=dt.datetime.now(dt.UTC),
            fastf1_version=FASTF1_VERSION,
            source="fastf1:offline-cache" if offline else "fastf1:api",
        )
