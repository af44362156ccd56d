"""The one list of Fast-F1 session codes: the dbt seed `transform/seeds/session_codes.csv`.

Ingestion, the copilot and the silver models (``ref('session_codes')``) all read that file, so a
new session format is added in one place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED_FILE = Path(__file__).resolve().parent.parent / "transform" / "seeds" / "session_codes.csv"


@dataclass(frozen=True)
class SessionCode:
    code: str  # Fast-F1 code, e.g. SQ
    name: str  # name in Fast-F1's event schedule, e.g. Sprint Qualifying
    session_type: str  # practice | sprint_qualifying | sprint | qualifying | race
    order: int


@cache
def session_codes() -> tuple[SessionCode, ...]:
    with SEED_FILE.open(newline="", encoding="utf-8") as handle:
        rows = [
            SessionCode(
                row["session_code"],
                row["session_name"],
                row["session_type"],
                int(row["session_order"]),
            )
            for row in csv.DictReader(handle)
        ]
    return tuple(sorted(rows, key=lambda s: s.order))


def all_codes() -> tuple[str, ...]:
    """Every code in weekend order: FP1 FP2 FP3 SQ SS S Q R."""
    return tuple(s.code for s in session_codes())


def codes_by_name() -> dict[str, str]:
    """Fast-F1 session name -> code ("Sprint Shootout" -> "SS")."""
    return {s.name: s.code for s in session_codes()}


# Session types (the seed's `session_type`): the dashboard filters gold by these.
QUALIFYING_TYPES = ("qualifying", "sprint_qualifying")  # knock-outs in three parts: the grid
RACE_LIKE_TYPES = ("race", "sprint")  # classified by position, points scored


def qualifying_codes() -> tuple[str, ...]:
    """Codes of the knock-out sessions split into three parts (Q1-Q3, SQ1-SQ3): SQ SS Q."""
    return codes_of(*QUALIFYING_TYPES)


def codes_of(*session_types: str) -> tuple[str, ...]:
    """The codes of some session types, in weekend order (e.g. "practice" -> FP1 FP2 FP3)."""
    return tuple(s.code for s in session_codes() if s.session_type in session_types)


def code_of(session_type: str) -> str:
    """The code of a session type held once a weekend (race, qualifying, sprint)."""
    (code,) = codes_of(session_type)
    return code


# Session semantics the copilot and the models share (read from the seed, never written again).
RACE = code_of("race")  # R
QUALIFYING = code_of("qualifying")  # Q
SPRINT = code_of("sprint")  # S
SPRINT_QUALIFYING = codes_of("sprint_qualifying")  # SQ (2024-), SS (2023)
PRACTICE = codes_of("practice")  # FP1 FP2 FP3
RACE_LIKE = (RACE, SPRINT)  # the codes of RACE_LIKE_TYPES
QUALIFYING_LIKE = qualifying_codes()  # SQ SS Q: the grid decided, times in parts
