"""The question's text made plain for the reader: question words typed with two letters swapped
("Hwo many"), a country after "from" as its drivers' nationality, and a race's season that
reads like "since" once the race's name is linked ("after Zandvoort 2025")."""

from __future__ import annotations

import re

from ai.semantic.vocabulary import Vocabulary, plain

QUESTION_WORDS = "how who what which many much when where the did does won"
SINCE = re.compile(r"\b(?:since|after|following) (?:19|20)\d\d\b")


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)} - {word}


# question words typed with two letters swapped ("Hwo many", "waht", "teh"), read as meant; "hwo"
# is "how" before many/much/old/long/often, else "who"
TYPOS: dict[str, list[str]] = {"wich": ["which"]}
for _word in QUESTION_WORDS.split():
    for _typo in _swaps(_word) - {"own", "dose"}:
        TYPOS.setdefault(_typo, []).append(_word)
TYPO = re.compile(
    r"\b(" + "|".join(sorted(TYPOS, key=len, reverse=True)) + r")\b(?=\s+(\w+))?", re.I
)
HOW_NEXT = {"many", "much", "old", "long", "often", "far"}


def _meant(hit: re.Match[str]) -> str:
    words, after = TYPOS[hit.group(1).lower()], hit.group(2) or ""
    how = "how" in words and after.strip().lower() in HOW_NEXT
    return "how" if how else next(w for w in words if w != "how" or len(words) == 1)


def untypo(question: str) -> str:
    return TYPO.sub(_meant, question)


def from_country(question: str, vocab: Vocabulary) -> str:
    """A country after "from" as its drivers' nationality ("drivers from Brazil"), never a race."""
    if not vocab.demonyms:
        return question
    names = "|".join(sorted((re.escape(c) for c in vocab.demonyms), key=len, reverse=True))
    pattern = rf"\bfrom (?:the )?({names})\b(?! (?:grand prix|gp)\b)"
    return re.sub(pattern, lambda m: " " + vocab.demonyms[m.group(1).lower()], question, flags=re.I)


def race_season(raw: str, text: str) -> str:
    """`text` (the question less its linked names) with "after 2025" read as "in 2025" when the
    question itself never said "after 2025" ("after Zandvoort 2025": that race's season)."""
    if SINCE.search(plain(raw)):
        return text
    return re.sub(r"\b(?:after|following) (?=(?:19|20)\d\d\b)", "in ", text)
