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


# question words typed with two letters swapped ("Hwo many", "waht", "teh"), read as meant
TYPOS = {t: w for w in QUESTION_WORDS.split() for t in _swaps(w) if t not in ("own", "dose")}
TYPOS["wich"] = "which"
TYPO = re.compile(r"\b(" + "|".join(sorted(TYPOS, key=len, reverse=True)) + r")\b", re.I)


def untypo(question: str) -> str:
    return TYPO.sub(lambda m: TYPOS[m.group(1).lower()], question)


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
