"""Modifiers of a question the reader turns into parts of the typed query: the round of a season
("after round 5", "after 5 races", "after the fifth round"), metrics a group must never have had
("most wins without a title"), and counting distinct groups ("how many different winners")."""

from __future__ import annotations

import re

ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
ORDINALS = {word: n for n, word in enumerate(ORDINAL_WORDS.split(), start=1)}
ROUND = re.compile(
    r"\b(?:after|at|following|as of) (?:round|race) (\d{1,2})\b"
    r"|\b(?:after|following) (\d{1,2}) (?:rounds|races)\b"
    r"|\b(?:after|following|at) the (\d{1,2})(?:st|nd|rd|th)? (?:round|race)\b"
    r"|\b(?:after|following|at) the (" + "|".join(ORDINALS) + r") (?:round|race)\b",
    re.I,
)
LAST_ROUND = 0  # "the last race of 2012": the season's last round held (see the compiler)
EDGE_ROUND = re.compile(
    r"\b(?:the )?(?:(opening|first)|(last|final|closing)) (?:race|round|grand prix|gp) of\b"
    r"|\b(?:the )?season (?:(opener)|(finale|closer))\b",
    re.I,
)
WITHOUT = re.compile(
    r"\bwithout (?:ever )?(?:winning |taking |scoring )?(?:a |an |the |any )?", re.I
)
DISTINCT = re.compile(r"\b(?:different|distinct|unique)\b")


def find_round(question: str) -> tuple[tuple[int, ...], str]:
    """(the round named, the question without those words)."""
    hit = ROUND.search(question)
    if hit is None:
        edge = EDGE_ROUND.search(question)
        if edge is None:
            return (), question
        value = 1 if edge.group(1) or edge.group(3) else LAST_ROUND
        return (value,), question[: edge.start()] + " of " + question[edge.end() :]
    number, count, nth, word = hit.groups()
    value = int(number or count or nth) if (number or count or nth) else ORDINALS[word.lower()]
    return (value,), question[: hit.start()] + " " + question[hit.end() :]


def split_without(text: str) -> tuple[str, str]:
    """(the text before "without", the words after it) of a plain text."""
    hit = WITHOUT.search(text)
    if hit is None:
        return text, ""
    return text[: hit.start()], text[hit.end() :]


def counts_distinct(text: str) -> bool:
    return bool(DISTINCT.search(text))
