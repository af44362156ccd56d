"""Seasons a question names, resolved against the warehouse's seasons: 2024, "in 98", "'98",
"2000s"/"the 90s", "between 2010 and 2015", "2010-2015", "since 2010", "before 1980", "last 5
seasons", "last season" (the latest complete one) and "this season" (the latest one)."""

from __future__ import annotations

import re

from ai.semantic.vocabulary import Vocabulary

YEAR = r"(19\d\d|20[0-4]\d)"  # a season before 1950 is read (and has no rows)
WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
DECADES = {
    "fifties": 1950,
    "sixties": 1960,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
    "noughties": 2000,
}


def two_digits(value: str) -> int:
    number = int(value)
    return 1900 + number if number >= 50 else 2000 + number


def find_seasons(text: str, vocab: Vocabulary) -> tuple[tuple[int, int] | None, str]:
    """(inclusive season range or None, the text without the words that named it). `text` is
    plain (lower case, no punctuation but apostrophes already dropped)."""
    latest = vocab.latest or 2025
    done = vocab.latest_complete or latest
    first = min(vocab.seasons) if vocab.seasons else 1950
    rules: tuple[tuple[str, object], ...] = (
        (
            rf"\b(?:between|from) {YEAR} (?:and|to) {YEAR}\b|\b{YEAR} (?:to |and )?{YEAR}\b",
            lambda g: tuple(sorted(int(x) for x in g if x)),
        ),
        (rf"\b(?:since|after) {YEAR}\b", lambda g: (int(g[0]), latest)),
        (rf"\bbefore {YEAR}\b", lambda g: (first, int(g[0]) - 1)),
        (
            r"\b(?:in )?the (?:last|past) (\d{1,2}|" + "|".join(WORDS) + r") (?:seasons|years)\b",
            lambda g: (done - WORDS.get(g[0], int(g[0]) if g[0].isdigit() else 1) + 1, done),
        ),
        (r"\b(?:last|previous|past) (?:season|year)\b", lambda g: (done, done)),
        (r"\b(?:this|current|the current) (?:season|year)\b", lambda g: (latest, latest)),
        (r"\b(?:right now|currently|at the moment|at present)\b", lambda g: (latest, latest)),
        (
            r"\b(?:the )?(fifties|sixties|seventies|eighties|nineties|noughties)\b",
            lambda g: (DECADES[g[0]], DECADES[g[0]] + 9),
        ),
        (r"\b(19[5-9]0|20[0-4]0)s\b", lambda g: (int(g[0]), int(g[0]) + 9)),
        (r"\b(?:the )?([5-9]0)s\b", lambda g: (1900 + int(g[0]), 1909 + int(g[0]))),
        (rf"\b{YEAR}\b", lambda g: (int(g[0]), int(g[0]))),
        (
            r"\b(?:in|of|during|season|year) (\d\d)\b(?! (?:races?|wins?|points|laps|seasons))",
            lambda g: (two_digits(g[0]),) * 2,
        ),
    )
    text = re.sub(rf"\b(?:at|by) the end of (?:the )?(?={YEAR}\b)", " ", text)  # the season
    for pattern, build in rules:
        hit = re.search(pattern, text)
        if hit:
            found = build(hit.groups())  # type: ignore[operator]
            return (int(found[0]), int(found[1])), text[: hit.start()] + " " + text[hit.end() :]
    return None, text
