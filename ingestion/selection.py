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


def parse_number_set(spec: str, what: str) -> list[int]:
    """'4', '1-3', '1,4,6' or combinations like '1-3,7' -> sorted unique numbers."""
    numbers: set[int] = set()
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            raise SelectionError(f"invalid {what} list '{spec}': empty item")
        if "-" in part:
            low_text, _, high_text = part.partition("-")
            low, high = _parse_int(low_text, what), _parse_int(high_text, what)
            if low > high:
                raise SelectionError(f"invalid {what} range '{part}': start is after end")
            numbers.update(range(low, high + 1))
        else:
            numbers.add(_parse_int(part, what))
    return sorted(numbers)


def parse_seasons(spec: str, today: dt.date | None = None) -> list[int]:
    """Seasons Fast-F1 has timing data for: 2018 up to next year."""
    last = (today or dt.date.today()).year + 1
    seasons = parse_number_set(spec, "season")
    for season in seasons:
        if not FIRST_TIMING_SEASON <= season <= last:
            raise SelectionError(
                f"unknown season {season}: Fast-F1 timing data covers {FIRST_TIMING_SEASON}-{last}"
            )
    return seasons


def parse_rounds(spec: str) -> list[int] | None:
    """Round numbers, or None for every round of the season."""
    if spec.strip().lower() == "all":
        return None
    rounds = parse_number_set(spec, "round")
    if rounds[0] < 1:
        raise SelectionError(f"unknown round {rounds[0]}: rounds start at 1")
    return rounds


def parse_sessions(spec: str) -> list[str]:
    """Fast-F1 session codes (FP1 FP2 FP3 SQ SS S Q R), or every code for 'all'."""
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
    if missing:
        last = max(available) if available else 0
        raise SelectionError(
            f"unknown round {missing[0]} for season {season}: the schedule has rounds 1-{last}"
        )
    return list(wanted)
