"""A catalog question read into a CatalogQuery (ai.semantic.catalog_query), compositionally:
terms taken out first (ai.semantic.catalog_terms), entities linked against the warehouse
(ai.semantic.linking; "but not ..." links a second, excluded part), then on the words left: the
counted or ranked measure, the subject (the first entity named), the columns asked before it, a
per-column count, the order and the limit. Every word left must be one the catalog knows,
otherwise the question is not read (None): nonsense is never answered with a table."""

from __future__ import annotations

import re

from ai.semantic.catalog_grammar import (
    AGGREGATES,
    COUNT,
    FILLER,
    GROUP,
    NEGATION,
    PAIR_NAMES,
    SUPERLATIVE,
    Grammar,
    alternation,
    order_by,
    order_of,
)
from ai.semantic.catalog_layer import Catalog, CatalogEntity
from ai.semantic.catalog_query import CatalogQuery, Scope
from ai.semantic.catalog_terms import (
    Terms,
    countries,
    take_columns,
    take_nationalities,
    take_standings,
    take_thresholds,
    take_years,
)
from ai.semantic.linking import Links, link
from ai.semantic.time import WORDS
from ai.semantic.vocabulary import Vocabulary, plain


def scope_of(links: Links, terms: Terms, vocab: Vocabulary) -> Scope:
    found = links.found
    events = list(found.get("event", ()))
    drivers, constructors = list(found.get("driver", ())), list(found.get("constructor", ()))
    for kind, value in terms.ids:
        key = vocab.ergast_ids.get(("constructor" if kind == "team" else kind, value))
        target = {"race": events, "driver": drivers, "constructor": constructors}.get(kind)
        if key is not None and target is not None:
            target.append(key)
    return Scope(
        event_names=tuple(found.get("event_name", ())),
        countries=tuple(found.get("country", ())),
        circuits=tuple(found.get("circuit", ())),
        events=tuple(events),
        years=terms.years,
        drivers=tuple(drivers),
        constructors=tuple(constructors),
    )


def own_filters(
    subject: str, scope: Scope, terms: Terms
) -> tuple[Scope, list[tuple[str, tuple[str, ...]]]]:
    """The scope's names that are the subject itself (a driver asked about) as column filters."""
    equals: list[tuple[str, tuple[str, ...]]] = []
    if subject == "driver" and scope.drivers:
        equals.append(("reference", scope.drivers))
        scope = Scope(**{**scope.__dict__, "drivers": ()})
    if subject == "constructor" and scope.constructors:
        equals.append(("reference", scope.constructors))
        scope = Scope(**{**scope.__dict__, "constructors": ()})
    if subject == "circuit" and (scope.circuits or scope.countries):
        if scope.circuits:
            equals.append(("reference", scope.circuits))
        if scope.countries:
            equals.append(("country", scope.countries))
        scope = Scope(**{**scope.__dict__, "circuits": (), "countries": ()})
    for kind, value in terms.ids:
        if kind == subject == "circuit":
            equals.append(("id", (str(value),)))
    if terms.nationalities:
        equals.append(("nationality", tuple(terms.nationalities)))
    for column, named in terms.equals:
        equals.append((column, (named,)))
    return scope, equals


def split_names(subject: str, scope: Scope, text: str) -> tuple[Scope, ...]:
    """Races named together ("the Australian and the Chinese Grand Prix"): each one taken part
    in (an "or" between them: any of them; a race itself is one of them)."""
    if scope.is_empty():
        return ()
    if len(scope.event_names) < 2 or subject == "race" or re.search(r"\bor\b", text):
        return (scope,)
    return tuple(Scope(**{**scope.__dict__, "event_names": (n,)}) for n in scope.event_names)


def read_catalog(
    question: str, catalog: Catalog, vocab: Vocabulary, nationalities: set[str], reserved: set[str]
) -> CatalogQuery | None:
    text = PAIR_NAMES.sub(
        lambda h: f"{h.group(1)} name and {h.group(2)} name", countries(question, catalog)
    )
    parts = NEGATION.split(text, maxsplit=1)
    terms, links = [Terms(), Terms()], []
    latest = vocab.latest or 2025
    for i, part in enumerate(parts):
        part = take_columns(part, terms[i])
        part = take_years(part, latest, terms[i])
        part = take_nationalities(part, catalog, nationalities, terms[i])
        part = take_standings(part, catalog, terms[i])
        part = take_thresholds(part, catalog, terms[i])
        found = link(part, vocab, reserved)
        if found.ambiguous:
            return None
        links.append(found)
    other = terms[1]
    if len(parts) > 1 and (
        other.equals or other.nationalities or other.having or other.born or other.standings
    ):
        return None
    words = plain(" ".join(t.text for found in links for t in found.rest))
    return compose(Grammar(words, catalog), catalog, vocab, terms, links, text)


def compose(
    g: Grammar,
    catalog: Catalog,
    vocab: Vocabulary,
    terms: list[Terms],
    links: list[Links],
    text: str,
) -> CatalogQuery | None:
    entity_words = alternation(list(g.entity_of))
    measures = {w: m.name for m in catalog.measures.values() for w in m.words}
    values = {w: v.name for v in catalog.values.values() for w in v.words}
    limit_hit = g.take(r"\b(?:top|first|last) (\d{1,2}|" + "|".join(WORDS) + r")\b")
    limit = (
        None
        if limit_hit is None
        else (
            int(limit_hit.group(1)) if limit_hit.group(1).isdigit() else WORDS[limit_hit.group(1)]
        )
    )
    subject, measure, order, count, aggregate, by_link = "", "", None, False, None, False
    of_all = r" (?:of|for) (?:all |each |every )?(?:the )?"
    projected = g.take(rf"\bnumbers? of ({alternation(list(measures))}){of_all}({entity_words})\b")
    if projected:
        measure, subject = measures[projected.group(1)], g.entity_of[projected.group(2)]
    agg = g.take(
        rf"\b({alternation(list(AGGREGATES))})\s+(?:of\s+)?(?:the\s+)?({alternation(list(values))})\b"
    )
    if agg:
        aggregate = (AGGREGATES[agg.group(1)], values[agg.group(2)])
    best = g.take(rf"{SUPERLATIVE}({alternation(list(measures))})\b")
    if best:
        measure = measures[best.group(2)]
        order, limit = (
            ("measure", best.group(1) not in ("fewest", "least", "lowest", "smallest", "minimum")),
            limit or 1,
        )
    counted = g.take(rf"{COUNT}({entity_words})\b")
    if counted:
        subject, count = g.entity_of[counted.group(1)], True
    named = g.entities()
    if not subject:
        subject = named[0][1] if named else linked_subject(links[0]) or ""
        by_link = not named
        if not subject and aggregate is None:
            return None
        subject = subject or "race"
    entity = catalog.entities[subject]
    singular = by_link or (bool(named) and not named[0][2].endswith("s"))
    at = (
        next((p + len(w) for p, e, w in named if e == subject), len(g.text))
        if not count
        else len(g.text)
    )
    group, by_order = "", order_by(g, entity)
    grouped = g.take(
        GROUP + rf"({alternation([w for c in entity.columns.values() for w in c.words])})\b"
    )
    if grouped:
        group = next(c.name for c in entity.columns.values() if grouped.group(1) in c.words)
    distinct = "" if count else counted_column(g, entity)
    count = count or bool(distinct)
    columns = g.columns(entity, at if not count else 0)
    order = order or by_order or order_of(g, entity, columns)
    if not columns and not count and g.take(r"\bwhen\b"):  # "when was X born", "when was Y held"
        columns = [entity.born or entity.date] if entity.born or entity.date else []
        g.take(r"\bborn\b")
    if by_link and not columns and aggregate is None:
        return None  # "top 3 at Monza 2019": a linked name with nothing asked about it
    if re.search(r"\bborn\b", g.text) and terms[0].born is None:
        return None  # "born in Germany": a birthplace the warehouse does not hold
    if (
        order
        and order[0] != "measure"
        and limit is None
        and singular
        and order[0] in (entity.date, entity.born)
    ):
        limit = 1
    for _, _, word in named:
        g.text = re.sub(rf"\b{re.escape(word)}\b", " ", g.text)
    if g.leftover(FILLER | catalog.names()):
        return None
    scope, equals = own_filters(subject, scope_of(links[0], terms[0], vocab), terms[0])
    if any(c == "nationality" for c, _ in equals) and not entity.nationality:
        return None
    if terms[0].standings and not entity.standings:
        return None
    asked = columns or count or group or aggregate or measure or order or equals
    if not (asked or terms[0].having or terms[0].standings) and scope.constructors:
        return None  # "Ferrari drivers in 2010": a team's line-up is the fan parser's question
    if len(links) > 1 and (terms[0].years is None) != (terms[1].years is None):
        terms[0].years = terms[1].years = terms[0].years or terms[1].years  # said once for both
        scope = Scope(**{**scope.__dict__, "years": terms[0].years})
    excluded = scope_of(links[1], terms[1], vocab) if len(links) > 1 else Scope()
    if len(links) > 1 and excluded.is_empty():
        return None
    return CatalogQuery(
        subject=subject,
        columns=tuple(columns),
        equals=tuple(equals),
        born=terms[0].born,
        scopes=split_names(subject, scope, text),
        excluded=() if excluded.is_empty() else (excluded,),
        count=count,
        group=group,
        aggregate=aggregate,
        measure=measure,
        having=tuple(terms[0].having),
        order=order,
        limit=limit,
        standings=tuple(terms[0].standings),
        distinct=distinct,
    )


def linked_subject(links: Links) -> str | None:
    """The entity asked about when no entity word is left ("the nationality of Lewis Hamilton",
    "the date of the 2019 Monaco Grand Prix"): the one kind of entity linked."""
    kinds = {"event": "race", "event_name": "race", "driver": "driver"}
    kinds |= {"constructor": "constructor", "circuit": "circuit"}
    found = {kinds[k] for k in links.found if k in kinds}
    return found.pop() if len(found) == 1 else None


def counted_column(g: Grammar, entity: CatalogEntity) -> str:
    """The column counted in "how many different nationalities do drivers have" ("" if none)."""
    words = {w: c.name for c in entity.columns.values() for w in c.words}
    hit = g.take(rf"{COUNT}({alternation(list(words))})\b")
    return words[hit.group(1)] if hit else ""
