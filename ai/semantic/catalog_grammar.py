"""The words of a catalog question left after linking, read phrase by phrase (ai.semantic.
catalog_read): the words the catalog knows besides its declared ones, counting, superlatives,
aggregates, per-group counts and the order asked ("in reverse alphabetical order", "most recent",
"ordered by year")."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from ai.semantic.catalog_layer import Catalog, CatalogEntity

FILLER_WORDS = """
    a an the of in at on for by to from with and or is are was were be been has have had do does
    did what which who whom whose that this these those there their his her its they them it all
    any list show me tell give find display return get please also both either only participated
    participate participating participation part take took raced competed compete entered
    appeared drove driven held hold occurred occur happened happen hosted host located situated
    belong belongs belonged based come comes came distinct different unique once ever ones
    respectively many number numbers count total f1 formula one called named known as where
    when s scored earned got"""
FILLER = frozenset(FILLER_WORDS.split())
NEGATION = re.compile(r"\b(?:but not|and not|except|but did not|but never|did not|never)\b", re.I)
PAIR_NAMES = re.compile(
    r"\b(first|given)(?:\s+names?)?\s*(?:,|and|&)\s*(last|family)\s+names?\b", re.I
)
COUNT = (
    r"\b(?:how many|numbers? of|count of|count|total number of)\s+(?:the\s+)?"
    r"(?:different\s+|distinct\s+|unique\s+)?"
)
SUPERLATIVE = (
    r"\b(most|fewest|least|highest|lowest|largest|greatest|maximum|max|biggest|smallest|minimum)"
    r"\s+(?:total\s+)?(?:number of\s+|amount of\s+|count of\s+)?(?:different\s+)?"
)
AGGREGATES = {
    **dict.fromkeys(("average", "avg", "mean"), "avg"),
    **dict.fromkeys(("maximum", "max"), "max"),
    **dict.fromkeys(("minimum", "min"), "min"),
    **dict.fromkeys(("sum of",), "sum"),
}
GROUP = (
    r"\b(?:for each|for every|per|by|for different|for the different|in each|of each|grouped by"
    r"|group by|for all)\s+(?:different\s+)?(?:the\s+)?"
)
REVERSE = re.compile(
    r"\b(?:reversed?|descending|inverse)\s+(?:alphabetical|lexicographic(?:al)?|lexical|name)?\s*"
    r"(?:order)?\b|\bz to a\b"
)
ALPHABETICAL = re.compile(
    r"\b(?:in\s+)?(?:alphabetical(?:ly)?|lexicographic(?:al)?(?:ly)?|ascending)(?:\s+order)?\b"
    r"|\ba to z\b"
)
ORDER_BY = re.compile(
    r"\b(?:(?:order(?:ed)?|sort(?:ed)?|rank(?:ed)?) by|in (?:the )?order of) (?:the |their )?"
)


def alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def blank(text: str, hit: re.Match[str]) -> str:
    return text[: hit.start()] + " " * len(hit.group(0)) + text[hit.end() :]


class Grammar:
    """The words left after linking, consumed phrase by phrase."""

    def __init__(self, words: str, catalog: Catalog) -> None:
        self.text = f" {words} "
        self.catalog = catalog
        self.entity_of = catalog.entity_words()

    def take(self, pattern: str) -> re.Match[str] | None:
        hit = re.search(pattern, self.text)
        if hit:
            self.text = blank(self.text, hit)
        return hit

    def entities(self) -> list[tuple[int, str, str]]:
        """(position, entity, word) of every entity word left, in order."""
        pattern = alternation(list(self.entity_of))
        return [
            (h.start(), self.entity_of[h.group(1)], h.group(1))
            for h in re.finditer(rf"\b({pattern})\b", self.text)
        ]

    def columns(self, entity: CatalogEntity, before: int) -> list[str]:
        """The entity's columns named before `before`, in order, their words taken."""
        phrases = {w: c.name for c in entity.columns.values() for w in c.words}
        found = []
        for hit in re.finditer(rf"\b({alternation(list(phrases))})\b", self.text[:before]):
            found.append((hit.start(), phrases[hit.group(1)]))
        self.text = (
            re.sub(rf"\b({alternation(list(phrases))})\b", " ", self.text[:before])
            + self.text[before:]
        )
        return list(dict.fromkeys(name for _, name in sorted(found)))

    def leftover(self, known: AbstractSet[str]) -> list[str]:
        return [w for w in self.text.split() if w not in known]


def order_by(g: Grammar, entity: CatalogEntity) -> tuple[str, bool] | None:
    """An order named by one of the entity's columns ("ordered by year", "sorted by name")."""
    words = alternation([w for c in entity.columns.values() for w in c.words])
    by = g.take(ORDER_BY.pattern + rf"({words})\b")
    if by is None:
        return None
    column = next(c.name for c in entity.columns.values() if by.group(1) in c.words)
    return column, bool(g.take(r"\b(?:in )?(?:descending|desc)(?: order)?\b"))


def order_of(g: Grammar, entity: CatalogEntity, columns: list[str]) -> tuple[str, bool] | None:
    first = columns[0] if columns else entity.label
    if g.take(REVERSE.pattern):
        return first, True
    if g.take(ALPHABETICAL.pattern):
        return first, False
    if entity.date and g.take(r"\b(?:most recent(?:ly)?|latest|last|newest)\b"):
        return entity.date, True
    if entity.date and g.take(r"\b(?:earliest|first|oldest)\b"):
        return entity.date, False
    if entity.born and g.take(r"\boldest\b"):
        return entity.born, False
    if entity.born and g.take(r"\byoungest\b"):
        return entity.born, True
    return None
