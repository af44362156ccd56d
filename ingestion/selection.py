"""Parse and validate what to ingest: seasons, rounds and session codes.

Everything here runs before any session is loaded, so bad input costs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ingestion.errors import SelectionError
from ingestion.naming import ALL_CODES

FIRST_TIMING_SEASON = 2018  # Fast-F1's live-timing archive (laps, weather, messages) starts here
# No championship has had more than 24 rounds (2024, 2025) and the Concorde Agreement caps a
# calendar at 25: a round above this is refused before any range is expanded or schedule read.
# The season's own schedule is the exact bound, checked next (`check_rounds_exist`).
MAX_ROUND = 30


@dataclass(frozen=True, order=True)
class SessionKey:
    """One session of one race weekend."""

    season: int
    round: int
    code: str

    def __str__(self) -> str:
        return f"{self.season}-{self.round:02d}-{self.code}"


def _parse_int(token: str, what: str) -> int:
    try:
        return int(token)
    except ValueError:
        raise SelectionError(f"invalid {what} '{token}': expected a number") from None


def parse_number_set(
    spec: str, what: str, bounds: tuple[int, int] | None = None, why: str = ""
) -> list[int]:
    """'4', '1-3', '1,4,6' or combinations like '1-3,7' -> sorted unique numbers.

    Every item is checked against `bounds` (inclusive) BEFORE a range is expanded, so a range
    like 1-999999999999 is one error line, not a memory blow-up.
    """
    if not spec.strip():
        raise SelectionError(f"empty {what} list")
    spans: list[tuple[int, int]] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            raise SelectionError(f"invalid {what} list '{spec}': empty item")
        if "-" in part:
            low_text, _, high_text = part.partition("-")
            low, high = _parse_int(low_text, what), _parse_int(high_text, what)
            if low > high:
                raise SelectionError(f"invalid {what} range '{part}': start is after end")
        else:
            low = high = _parse_int(part, what)
        if bounds is not None:
            _check_bounds(low, high, what, bounds, why)
        spans.append((low, high))
    if bounds is None and sum(high - low + 1 for low, high in spans) > 10_000:
        raise SelectionError(f"invalid {what} list '{spec}': more than 10000 numbers")
    return sorted({n for low, high in spans for n in range(low, high + 1)})


def _check_bounds(low: int, high: int, what: str, bounds: tuple[int, int], why: str) -> None:
    first, last = bounds
    for number in (low, high):
        if not first <= number <= last:
            raise SelectionError(f"unknown {what} {number}: {why or f'{what}s are {first}-{last}'}")


def parse_seasons(spec: str, today: dt.date | None = None) -> list[int]:
    """Seasons Fast-F1 has timing data for: 2018 up to next year."""
    last = (today or dt.date.today()).year + 1
    if not spec.strip():
        raise SelectionError("empty --season: give e.g. 2024, 2018-2026 or 2023,2024")
    why = f"Fast-F1 timing data covers {FIRST_TIMING_SEASON}-{last}"
    return parse_number_set(spec, "season", (FIRST_TIMING_SEASON, last), why)


def parse_rounds(spec: str) -> list[int] | None:
    """Round numbers, or None for every round of the season."""
    if not spec.strip():
        raise SelectionError("empty --rounds: give e.g. 4, 1-3, 1,4,6 or all")
    if spec.strip().lower() == "all":
        return None
    why = f"rounds start at 1 and no season has more than {MAX_ROUND}"
    return parse_number_set(spec, "round", (1, MAX_ROUND), why)


def parse_sessions(spec: str) -> list[str]:
    """Fast-F1 session codes (FP1 FP2 FP3 SQ SS S Q R), or every code for 'all'."""
    if not spec.strip():
        raise SelectionError(
            f"empty --sessions: give codes like Q,R ({' '.join(ALL_CODES)}) or all"
        )
    if spec.strip().lower() == "all":
        return list(ALL_CODES)
    codes = [c.strip().upper() for c in spec.split(",") if c.strip()]
    unknown = [c for c in codes if c not in ALL_CODES]
    if unknown or not codes:
        raise SelectionError(
            f"unknown session code {', '.join(unknown) or repr(spec)}: use {' '.join(ALL_CODES)}"
        )
    return [c for c in ALL_CODES if c in codes]


def check_rounds_exist(
    season: int, wanted: Iterable[int] | None, available: list[int]
) -> list[int]:
    """The wanted rounds of a season, checked against its schedule."""
    if wanted is None:
        return available
    missing = [r for r in wanted if r not in available]
    if missing and not available:
        raise SelectionError(
            f"unknown round {missing[0]} for season {season}: no schedule for {season} "
            "in the offline Fast-F1 cache"
        )
    if missing:
        last = max(available) if available else 0
        raise SelectionError(
            f"unknown round {missing[0]} for season {season}: the schedule has rounds 1-{last}"
        )
    return list(wanted)
