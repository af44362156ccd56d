"""Terms of a catalog question taken out of its text before entity linking: country names the
warehouse does not use ("UK"), nationalities (demonyms, "drivers from Finland"), named columns
("whose forename is Lewis"), Ergast ids ("the race with id 841"), years (strictly after/before,
"born in"), and thresholds on a measure ("at least two races", "more than 8 pit stops")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ai.semantic.catalog_layer import Catalog
from ai.semantic.catalog_query import Threshold
from ai.semantic.time import WORDS

YEAR = r"(19[5-9]\d|20[0-4]\d)"
NUMBER = r"(\d{1,4}|one|" + "|".join(WORDS) + r")"
COMPARATORS = {
    **dict.fromkeys(("more than", "greater than", "over", "above"), ">"),
    **dict.fromkeys(("at least", "no less than", "not less than"), ">="),
    **dict.fromkeys(("at most", "no more than", "not more than"), "<="),
    **dict.fromkeys(("less than", "fewer than", "under", "below"), "<"),
    **dict.fromkeys(("exactly", "equal to"), "="),
}
NAMED_COLUMN = re.compile(
    r"\b(forename|first name|given name|surname|last name|family name)s?\s+(?:is\s+|was\s+|of\s+"
    r"|=\s*|as\s+)?[\"']?([A-Z][A-Za-z'-]+)[\"']?"
)
COLUMN_OF = {"first name": "forename", "given name": "forename", "last name": "surname"}
ERGAST_ID = re.compile(
    r"\b(race|driver|constructor|team|circuit)s?\s+(?:with\s+|whose\s+|of\s+)?(?:the\s+)?"
    r"(?:id|number|no\.?)\s*(?:is\s+|of\s+|=\s*|#\s*)?(\d{1,4})\b",
    re.I,
)
NOT_GP = r"(?!\s+(?:grand prix|gp)\b)"
RANGE = (
    rf"\b(?:between|from) (?:the years? )?{YEAR} (?:and|to|until|through) {YEAR}\b"
    rf"|\b{YEAR} ?(?:-|to) ?{YEAR}\b"
)
AFTER = rf"\b(?:after|later than|since|from) (?:the years? |the seasons? )?{YEAR}\b"
BEFORE = rf"\b(?:before|earlier than|prior to|until) (?:the years? )?{YEAR}\b"
IN_YEAR = rf"\b(?:in |during |of )?(?:the )?(?:years? |seasons? )?{YEAR}\b"


def span(lo: int, hi: int) -> tuple[int, int]:
    return (min(lo, hi), max(lo, hi))


@dataclass
class Terms:
    """What the pre-linking pass took out of one part of the question."""

    nationalities: list[str] = field(default_factory=list)
    equals: list[tuple[str, str]] = field(default_factory=list)  # (column, value)
    ids: list[tuple[str, int]] = field(default_factory=list)  # (entity, Ergast id)
    years: tuple[int, int] | None = None
    born: tuple[int, int] | None = None
    having: list[Threshold] = field(default_factory=list)
    standings: list[tuple[str, str, int]] = field(default_factory=list)  # (column, op, value)


def number(word: str) -> int:
    return int(word) if word.isdigit() else {"one": 1, **WORDS}[word.lower()]


def countries(text: str, catalog: Catalog) -> str:
    """The warehouse's country for the names it does not use ("UK" -> "United Kingdom")."""
    for name, country in catalog.countries.items():
        written = name.upper() if len(name.replace(" ", "")) <= 3 else name.title()
        written = written.replace(" ", r"\.? ?") if len(name.replace(" ", "")) <= 3 else written
        text = re.sub(rf"\b{written}\b\.?", country, text)
    return text


def take_nationalities(text: str, catalog: Catalog, known: set[str], terms: Terms) -> str:
    by_country = {c.lower(): n for c, n in catalog.demonyms.items()}
    pattern = "|".join(re.escape(c) for c in sorted(by_country, key=len, reverse=True))
    for hit in re.finditer(rf"\bfrom (?:the )?({pattern})\b{NOT_GP}", text, re.I):
        terms.nationalities.append(by_country[hit.group(1).lower()])
    text = re.sub(rf"\bfrom (?:the )?({pattern})\b{NOT_GP}", " ", text, flags=re.I)
    if not known:
        return text
    words = sorted(known, key=len, reverse=True)
    pattern = "|".join(re.escape(n) for n in words)
    for hit in re.finditer(rf"\b({pattern})\b{NOT_GP}", text, re.I):
        terms.nationalities.append(next(n for n in known if n.lower() == hit.group(1).lower()))
    return re.sub(rf"\b({pattern})\b{NOT_GP}", " ", text, flags=re.I)


def take_columns(text: str, terms: Terms) -> str:
    for column, value in NAMED_COLUMN.findall(text):
        terms.equals.append((COLUMN_OF.get(column.lower(), column.lower()), value))
    text = NAMED_COLUMN.sub(" ", text)
    for kind, value in ERGAST_ID.findall(text):
        kind = "constructor" if kind.lower() == "team" else kind.lower()
        terms.ids.append((kind, int(value)))
    return ERGAST_ID.sub(lambda hit: f" {hit.group(1)} ", text)


def take_years(text: str, latest: int, terms: Terms) -> str:
    rules: tuple[tuple[str, Callable[[tuple[str, ...], str], tuple[int, int]]], ...] = (
        (RANGE, lambda g, h: span(*(int(x) for x in g if x))),
        (AFTER, lambda g, h: (int(g[0]) + (0 if h.startswith(("since", "from")) else 1), latest)),
        (BEFORE, lambda g, h: (1950, int(g[0]) - 1)),
        (IN_YEAR, lambda g, h: (int(g[0]), int(g[0]))),
    )
    for pattern, build in rules:
        hit = re.search(pattern, text, re.I)
        if not hit:
            continue
        groups = hit.groups()
        lower = hit.group(0).lower()
        found = build(groups, lower)
        born = re.search(r"\bborn\s*(?:in\s*)?$", text[: hit.start()], re.I)
        if born:
            terms.born = (found[0] if found[0] != 1950 else 1800, found[1])
        else:
            terms.years = found
        start = born.start() if born else hit.start()
        return take_years(text[:start] + " " + text[hit.end() :], latest, terms)
    return text


def take_thresholds(text: str, catalog: Catalog, terms: Terms) -> str:
    phrases = {w: m.name for m in catalog.measures.values() for w in m.words}
    measure = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    comparator = "|".join(sorted(COMPARATORS, key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?:({comparator})\s+(?:\w+\s+){{0,2}}?)?{NUMBER}\s+(?:times\s+)?(?:different\s+)?"
        rf"({measure})\b",
        re.I,
    )
    for op, value, phrase in pattern.findall(text):
        terms.having.append(
            Threshold(phrases[phrase.lower()], COMPARATORS.get(op.lower(), "="), number(value))
        )
    return pattern.sub(" ", text)


STANDING = re.compile(
    r"\b(?:in |the |as |of )*(?:drivers? |constructors? |teams? )?standings?\b", re.I
)
POSITION = re.compile(
    r"\b(?:in |at )?(?:the )?(?:(first|1st|top) (?:position|place)|(?:position|place)(?: number)?"
    r"(?: (\d{1,2}))?)\b|\b(?:led|leading|top of)\b",
    re.I,
)
WON = re.compile(r"\b(?:and |had |with )?(?:won|wins|a win|winning)\b", re.I)


def take_standings(text: str, catalog: Catalog, terms: Terms) -> str:
    """Conditions on one row of the championship standings ("in position 1 as standing and won",
    "had more than 20 points"): read only where the standings are named."""
    if not STANDING.search(text):
        return text
    text = STANDING.sub(" ", text)
    hit = POSITION.search(text)
    if hit:
        value = next((g for g in hit.groups() if g), "1")
        terms.standings.append(("position", "=", 1 if not value.isdigit() else int(value)))
        text = POSITION.sub(" ", text, count=1)
    if WON.search(text):
        terms.standings.append(("wins", ">=", 1))
        text = WON.sub(" ", text)
    text = take_thresholds(text, catalog, terms)
    for threshold in [t for t in terms.having if t.measure in ("points", "wins")]:
        terms.having.remove(threshold)
        terms.standings.append((threshold.measure, threshold.op, threshold.value))
    if not terms.standings:
        terms.standings.append(("position", ">=", 1))
    return text
