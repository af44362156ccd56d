"""Entity linking against the warehouse's own names (ai.semantic.vocabulary): Ergast ids ("driver
id 18", "race 20"), driver codes written in capitals, then the longest phrase first, exact before
fuzzy. Ordinary words never link: a word the layer or the reader uses is reserved, an obscure
surname must be written with a capital, and a fuzzy match needs a capitalised word of five
letters or more that is not the question's first word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ai.semantic.vocabulary import Candidate, Vocabulary

ERGAST_ID = re.compile(
    r"\b(driver|constructor|team|race)\s*(?:(?:id|number|no\.?|#)\s*#?\s*(\d{1,4})|(\d{1,3}))\b",
    re.I,
)
# a demonym alone is a nationality ("British champions"; the race is "British GP"), a cause
# of retirement only when nothing else has the name
PLACE_ORDER = ("nationality", "event_name", "circuit", "country", "status")
FUZZY_SCORE = 88


@dataclass(frozen=True)
class Token:
    text: str  # plain: lower case, no accents
    capital: bool
    start: int  # index in the question's tokens


@dataclass
class Links:
    found: dict[str, list[str]] = field(default_factory=dict)  # kind -> keys
    ambiguous: list[str] = field(default_factory=list)  # phrases with two real readings
    rest: list[Token] = field(default_factory=list)  # tokens no entity took

    def add(self, kind: str, keys: list[str]) -> None:
        known = self.found.setdefault(kind, [])
        known += [k for k in keys if k not in known]


def tokens(text: str) -> list[Token]:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"[’'`´]s\b", "", stripped)
    words = re.findall(r"[A-Za-z0-9_]+", stripped)
    return [Token(w.lower(), w[:1].isupper(), i) for i, w in enumerate(words)]


def dominant(found: list[Candidate]) -> Candidate | None:
    """One reading: the only one, or the one with at least twice the next one's race wins."""
    by_key: dict[tuple[str, str], Candidate] = {}
    for c in found:  # one candidate per entity (a team's several names)
        if (c.kind, c.key) not in by_key or c.weight > by_key[(c.kind, c.key)].weight:
            by_key[(c.kind, c.key)] = c
    ranked = sorted(by_key.values(), key=lambda c: -c.weight)
    if not ranked:  # a capitalised word that is no driver's code ("USA")
        return None
    if len(ranked) == 1 or (ranked[0].weight > 0 and ranked[0].weight >= 2 * ranked[1].weight):
        return ranked[0]
    return None


def resolve(phrase: str, found: list[Candidate], links: Links) -> None:
    people = [c for c in found if c.kind in ("driver", "constructor")]
    if people:
        best = dominant(people)
        if best is None:
            links.ambiguous.append(phrase)
        else:
            links.add(best.kind, [best.key])
        return
    for kind in PLACE_ORDER:
        keys = [c.key for c in found if c.kind == kind]
        if keys:
            links.add(kind, keys)
            return


def usable(
    found: list[Candidate], first: Token, reserved: set[str], phrase: str
) -> list[Candidate]:
    if phrase in reserved:
        return []
    return [c for c in found if not c.strict or first.capital]


def link(question: str, vocab: Vocabulary, reserved: set[str]) -> Links:
    links = Links()
    for kind, with_word, bare in ERGAST_ID.findall(question):
        kind = "constructor" if kind.lower() == "team" else kind.lower()
        key = vocab.ergast_ids.get((kind, int(with_word or bare)))
        if key is not None:
            links.add("event" if kind == "race" else kind, [key])
    question = ERGAST_ID.sub(" ", question)
    for code in re.findall(r"\b[A-Z]{3}\b", question):
        best = dominant(vocab.codes.get(code, [])) if code.lower() not in reserved else None
        if best is not None:
            links.add("driver", [best.key])
            question = re.sub(rf"\b{code}\b", " ", question)
    words = tokens(question)
    i = 0
    while i < len(words):
        for n in range(min(vocab.longest, len(words) - i), 0, -1):
            phrase = " ".join(t.text for t in words[i : i + n])
            found = usable(vocab.phrases.get(phrase, []), words[i], reserved, phrase)
            if found:
                resolve(phrase, found, links)
                i += n
                break
        else:
            links.rest.append(words[i])
            i += 1
    fuzzy(links, vocab, reserved)
    return links


def fuzzy(links: Links, vocab: Vocabulary, reserved: set[str]) -> None:
    """A misspelt name ("Verstapen"): capitalised, not first, five letters or more, unreserved."""
    singles = [p for p in vocab.phrases if " " not in p and len(p) >= 5]
    kept = []
    for token in links.rest:
        if (
            token.capital
            and token.start > 0
            and len(token.text) >= 5
            and token.text not in reserved
        ):
            hit = process.extractOne(token.text, singles, scorer=fuzz.ratio)
            if hit is not None and hit[1] >= FUZZY_SCORE:
                found = [c for c in vocab.phrases[hit[0]] if not c.strict]
                if found:
                    resolve(hit[0], found, links)
                    continue
        kept.append(token)
    links.rest = kept
