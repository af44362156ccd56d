"""Modifiers of a question the reader turns into parts of the typed query: the round of a season
("after round 5", "after 5 races", "after the fifth round"), metrics a group must never have had
("most wins without a title"), and counting distinct groups ("how many different winners")."""

from __future__ import annotations

import re

from ai.semantic.time import WORDS

ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
ORDINALS = {word: n for n, word in enumerate(ORDINAL_WORDS.split(), start=1)}
ROUND = re.compile(
    r"\b(?:after|at|following|as of) (?:round|race) (\d{1,2})\b"
    r"|\b(?:after|following) (?:the )?(?:first )?(\d{1,2}|" + "|".join(WORDS) + r") "
    r"(?:rounds|races|grands prix|gps)\b"
    r"|\b(?:after|following|at) the (\d{1,2})(?:st|nd|rd|th)? (?:round|race)\b"
    r"|\b(?:after|following|at) the (" + "|".join(ORDINALS) + r") (?:round|race)\b",
    re.I,
)
SEASON_NEXT = re.compile(r"[\s,]*(?:(?:of|in) )?((?:19|20)\d\d)\b")  # the season after a round
LAST_ROUND = 0  # "the last race of 2012": the season's last round held (see the compiler)
EDGE_ROUND = re.compile(
    r"\b(?:the )?(?:(opening|first)|(last|final|closing)) (?:race|round|grand prix|gp) of\b"
    r"|\b(?:the )?season (?:(opener)|(finale|closer))\b",
    re.I,
)
# "after the latest race": the season so far (the latest season, up to its last round)
LATEST_ROUND = re.compile(
    r"\b(?:after|following|as of) the (?:latest|most recent|last) (?:race|round|grand prix|gp)\b"
    r"(?! of)",
    re.I,
)
# a round or a race named as the point the season is counted up to ("points after round 5",
# "standings after the 2022 Australian GP"), never a season ("after 2010": time)
AFTER = re.compile(r"\b(?:after|following|as of|up to)\b(?! (?:19|20)\d\d\b)", re.I)
# a difference between two groups: "how many more points ... than", "the gap between"
DIFFERENCE = re.compile(
    r"\bhow (?:many|much) more\b|\b(?:gap|difference|margin)\b(?=(?: in \w+)? between\b)"
)
# the two best-ranked groups, as fans name them in a difference
TOP_TWO = re.compile(
    r"\b(?:p1 and p2|1st and 2nd|first and second|the top two|top two|top 2|"
    r"(?:the )?leader and (?:the )?(?:second|runner up|p2))\b"
)
WITHOUT = re.compile(
    r"\bwithout (?:ever )?(?:winning |taking |scoring )?(?:a |an |the |any )?", re.I
)
DISTINCT = re.compile(r"\b(?:different|distinct|unique)\b")


# "the constructors' championship", "drivers' standings": the entity qualifies the metric's
# words (it says what is grouped, see the reader's grouping)
QUALIFIED = re.compile(
    r"\b(?:drivers?|constructors?|teams?)(?= (?:world )?(?:championships?|standings|titles?|"
    r"table)\b)"
)


def unqualified(text: str) -> str:
    return QUALIFIED.sub(" ", text)


# a driver known by his result in a race, when another metric is asked of him ("how many stops
# did the winner make", "where did the 2024 Brazilian GP winner start"); the metric the role's
# word would name otherwise is dropped
ROLE = re.compile(
    r"\b(?:the|race|gp|grand prix|\d{4}) (?:(winner|victor)|(pole ?sitter|pole man)|"
    r"((?:(constructors?|teams?) )?(?:world )?champions?))\b"
)
ROLES = ("winner", "pole", "champion", "constructor_champion")  # by ROLE's groups


def find_round(question: str) -> tuple[tuple[int, ...], str]:
    """(the round named, the question without those words)."""
    latest = LATEST_ROUND.search(question)
    if latest is not None:
        return (LAST_ROUND,), question[: latest.start()] + " after " + question[latest.end() :]
    hit = ROUND.search(question)
    if hit is None:
        edge = EDGE_ROUND.search(question)
        if edge is None:
            return (), question
        value = 1 if edge.group(1) or edge.group(3) else LAST_ROUND
        return (value,), question[: edge.start()] + " of " + question[edge.end() :]
    number, count, nth, word = hit.groups()
    count = str(WORDS.get(count.lower(), count)) if count else count
    value = int(number or count or nth) if (number or count or nth) else ORDINALS[word.lower()]
    after = " after " if AFTER.match(hit.group(0)) else " "  # kept: the season counted up to it
    rest = question[hit.end() :]
    year = SEASON_NEXT.match(rest)  # "after round 2 2024": the season, never "after 2024"
    if year is not None:
        return (value,), f"{question[: hit.start()]} in {year.group(1)}{after}{rest[year.end() :]}"
    return (value,), question[: hit.start()] + after + rest


def is_latest_round(question: str) -> bool:
    return LATEST_ROUND.search(question) is not None


def difference_of(text: str) -> tuple[bool, bool, str]:
    """(a difference asked, between the two best-ranked groups, the plain text without the
    words that said so)."""
    hit = DIFFERENCE.search(text)
    if hit is None:
        return False, False, text
    text = text[: hit.start()] + " " + text[hit.end() :]
    top = TOP_TWO.search(text)
    if top is not None:
        text = text[: top.start()] + " " + text[top.end() :]
    return True, top is not None, text


def split_without(text: str) -> tuple[str, str]:
    """(the text before "without", the words after it) of a plain text."""
    hit = WITHOUT.search(text)
    if hit is None:
        return text, ""
    return text[: hit.start()], text[hit.end() :]


def counts_distinct(text: str) -> bool:
    return bool(DISTINCT.search(text))
