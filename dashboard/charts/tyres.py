"""Pirelli's tyre colours as each season used them, in one fixed legend order.

2018 (seven dry compounds): hypersoft pink, ultrasoft purple, supersoft red, soft yellow,
medium white, hard ice blue, superhard orange. From 2019 the three compounds of a weekend are
named soft (red), medium (yellow) and hard (white). Intermediate green, wet blue throughout.
"""

from __future__ import annotations

COMPOUND_ORDER = (
    "HYPERSOFT",
    "ULTRASOFT",
    "SUPERSOFT",
    "SOFT",
    "MEDIUM",
    "HARD",
    "SUPERHARD",
    "INTERMEDIATE",
    "WET",
    "TEST_UNKNOWN",
    "UNKNOWN",
)
COLOURS_2018 = {
    "HYPERSOFT": "#FFB3C3",
    "ULTRASOFT": "#B138DD",
    "SUPERSOFT": "#DA291C",
    "SOFT": "#FFD12E",
    "MEDIUM": "#F0F0EC",
    "HARD": "#6CC4E8",
    "SUPERHARD": "#FD7B2C",
}
COLOURS_FROM_2019 = {"SOFT": "#DA291C", "MEDIUM": "#FFD12E", "HARD": "#F0F0EC"}
COMMON = {
    "INTERMEDIATE": "#43B02A",
    "WET": "#0067AD",
    "TEST_UNKNOWN": "#434649",
    "UNKNOWN": "#8A8D93",
}


def compound_colours(season: int | None) -> dict[str, str]:
    """Compound name -> colour for a season (2019+ names when the season is unknown)."""
    dry = COLOURS_2018 if season is not None and season <= 2018 else COLOURS_FROM_2019
    return {**dry, **COMMON}


def compound_rank(compound: str) -> int:
    name = compound.upper()
    return COMPOUND_ORDER.index(name) if name in COMPOUND_ORDER else len(COMPOUND_ORDER)
