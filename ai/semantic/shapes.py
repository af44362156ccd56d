"""Answer shapes the reader refines once a question is read, from what the layer declares:

- a pairwise metric (its source has a `rival_ref`): each named driver's count against the other,
  both rows (a head-to-head; one driver or none: against team-mates, see the compiler);
- a metric read another way (`of` / `by` in the layer): "in a row" / "consecutive" is its streak,
  "first" / "maiden" or "last" / "final" of a named driver or team its first or last occurrence;
- a metric of one edition (one race of a season, or one season's title) without "how many"
  names its holders ("winner of the 2008 Brazilian GP"); "each race" / "winners of 1988" lists
  the holder of every edition in the range;
- a metric that names a race ("first win") is the answer itself, never a group of races.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ai.semantic.layer import Layer, Metric
from ai.semantic.query import Filters, Shape, TypedQuery
from ai.semantic.vocabulary import Vocabulary
from f1lake import sessions

STREAK = re.compile(
    r"\b(?:in a row|consecutive|back to back|straight|streak|run of|on the trot|successive)\b"
)
NOT_TIME = r"\b(?! (?:\w+ )?(?:seasons?|years?)\b)"  # "last season", "last 5 years": time
FIRST = re.compile(r"\b(?:first|maiden|debut)" + NOT_TIME)
AGE = re.compile(r"\bhow old\b|\bage\b|\baged\b")
TIME = re.compile(
    r"\b(?:what|which) (?:was the |is the )?(?:lap )?time\b|\blap time\b|\bhow fast\b"
)
LAP = re.compile(r"\b(?:which|what) lap\b(?! times?\b)|\blap number\b")
QUALIFYING = re.compile(r"\bqualif\w*|\bquali\b")
VERSUS = re.compile(r"\b(?:vs|v|versus|against|or|compared)\b")
SUPERLATIVE = re.compile(
    r"\b(?:most|fewest|least|highest|lowest|best|worst|fastest|quickest|top|youngest|oldest|"
    r"longest|more|fewer|last|first)\b"
)
LAST = re.compile(r"\b(?:last|final|latest|most recent)" + NOT_TIME)
HOLDERS = re.compile(r"\b(?:winners|champions|pole sitters|polesitters|victors)\b")
EACH = re.compile(
    r"\b(?:each|every|all the|all|per) (?:race|round|grand prix|gp|event|season|year)s?\b"
)
COUNTING = re.compile(r"\bhow (?:many|much)\b|\bnumber of\b|\bcount\b|\btotal\b")
RANKED = re.compile(r"\b(?:most|fewest|least|highest|lowest|best|worst|top|which|who|each)\b")
TEAM = re.compile(r"\b(?:team|teams|constructor|constructors|manufacturer|manufacturers)\b")
HOLDER_LIMIT = 100  # every edition of a range: all the seasons' champions


def entity_words(layer: Layer) -> dict[str, str]:
    return {w: name for name, e in layer.entities.items() for w in e.words}


def variant(name: str, by: str, layer: Layer) -> str:
    """The metric that reads `name` by `by` ("wins" by "streak": "win_streak"), else `name`."""
    for metric in layer.metrics.values():
        if metric.of == name and metric.by == by:
            return metric.name
    return name


def read_by(query: TypedQuery, text: str, layer: Layer) -> TypedQuery:
    named = bool(query.filters.drivers or query.filters.constructors)
    by = ""
    if AGE.search(text):
        by = "age"
    elif TIME.search(text):
        by = "time"
    elif LAP.search(text):
        by = "lap"
    elif STREAK.search(text):
        by = "streak"
    elif QUALIFYING.search(text):
        by = "qualifying"
    elif not named or query.shape != "value" or COUNTING.search(text):
        pass
    elif FIRST.search(text):
        by = "first"
    elif LAST.search(text):
        by = "last"
    if not by:
        return query
    metrics = tuple(dict.fromkeys(variant(m, by, layer) for m in query.metrics))
    return replace(query, metrics=metrics)


def replaced(query: TypedQuery, layer: Layer) -> TypedQuery:
    """Each metric read as the one that `replaces` it for the entity grouped by."""
    grouped = query.group_by[0] if query.group_by else ""
    swap = {m.replaces: m.name for m in layer.metrics.values() if grouped in m.replaces_for}
    if not any(m in swap for m in query.metrics):
        return query
    return replace(query, metrics=tuple(dict.fromkeys(swap.get(m, m) for m in query.metrics)))


def other_entity(query: TypedQuery) -> bool:
    """The question names an entity of another kind than the one answered about."""
    grouped = query.group_by[0] if query.group_by else ""
    named = {"driver": query.filters.drivers, "constructor": query.filters.constructors}
    return grouped in named and any(v for k, v in named.items() if k != grouped)


def is_pairwise(metric: Metric) -> bool:
    return "rival_ref" in metric.source.keys


def one_edition(filters: Filters, lead: Metric) -> bool:
    single = filters.seasons is not None and filters.seasons[0] == filters.seasons[1]
    if "event_id" not in lead.source.keys:
        return single
    place = filters.event_names or filters.circuits or filters.countries
    return bool(filters.events) or (single and bool(place or filters.rounds))


def holder(text: str) -> str:
    return "constructor" if TEAM.search(text) else "driver"


EARLIEST = re.compile(
    r"(?<!finished )(?<!came )(?<!home )\b(?:first|inaugural|very first|first ever)" + NOT_TIME
)
RANKING = re.compile(
    r"\bmost\b(?! recent)|\b(?:fewest|least|highest|lowest|best|worst|top|more|fewer)\b"
)


def edition_order(query: TypedQuery, text: str, lead: Metric) -> TypedQuery:
    """The holder of the first or last edition of a one-holder metric, not a ranking: "who won
    the very first Grand Prix", "the last driver to win for Ferrari", "the last British world
    champion" (the edition: a race, or a season for a title)."""
    grouped = query.group_by[0] if query.group_by else ""
    named = {"driver": query.filters.drivers, "constructor": query.filters.constructors}
    if (
        not lead.one_holder
        or query.shape != "row"
        or query.per
        or named.get(grouped)
        or COUNTING.search(text)
        or RANKING.search(text)
    ):
        return query
    first, last = EARLIEST.search(text), LAST.search(text)
    if bool(first) == bool(last):
        return query
    editions = "event" if "event_id" in lead.source.keys else "season"
    return replace(query, per=(editions,), order="earliest" if first else "latest")


def refine(query: TypedQuery, text: str, layer: Layer) -> TypedQuery | None:
    """The query with the shapes above applied (`text`: the question, plain); None when the
    question asks qualifying of a metric that only a race holds ("best lap in quali")."""
    query = replaced(read_by(query, text, layer), layer)
    lead = layer.metrics[query.metrics[0]]
    query = edition_order(query, text, lead)
    filters = query.filters
    if (
        QUALIFYING.search(text)
        and lead.session_codes
        and sessions.QUALIFYING not in lead.session_codes
    ):
        return None
    if query.shape == "row" and not SUPERLATIVE.search(text) and other_entity(query):
        query = replace(query, shape="list")  # "who drove for Ferrari in 2024": all of them
    if query.shape == "row" and TABLE.search(text) and not ONE_ASKED.search(text):
        query = replace(query, shape="list")  # "the constructors' standings": the table
    if is_pairwise(lead) and filters.drivers:
        return replace(query, group_by=("driver",), per=(), shape="list", limit=None, order="best")
    if lead.unit == "race" and query.group_by == ("event",):
        query = replace(query, group_by=(), per=(), shape="value", limit=None)
    if lead.unit == "lap":  # the lap something happened on: read, never ranked
        return replace(query, group_by=(), per=(), shape="value", limit=None, order="best")
    named = filters.drivers or filters.constructors
    counting = COUNTING.search(text)
    if lead.unit == "position" and not named and LAST.search(text):  # "who qualified last"
        query = replace(query, order="worst")
    if counting and query.shape in ("row", "list") and not query.per and not RANKED.search(text):
        query = replace(
            query, group_by=(), shape="value", limit=None
        )  # "how many times ... the race"
    editions = "event" if "event_id" in lead.source.keys else "season"
    if (
        lead.one_holder
        and not named
        and not counting
        and (EACH.search(text) or (HOLDERS.search(text) and not query.group_by))
        and not one_edition(filters, lead)
        and query.shape != "count"
    ):
        who = holder(text)
        return replace(
            query,
            group_by=(who,),
            per=(editions,),
            shape="list",
            limit=HOLDER_LIMIT,
            order="chronological",
        )
    if query.shape != "value":
        return with_time(query, layer) if not named and not counting else query
    if len(filters.drivers) > 1 and not counting and VERSUS.search(text):
        return replace(query, group_by=("driver",), shape="list")  # each one's value, compared
    if not named and not counting and one_edition(filters, lead) and lead.unit != "race":
        table = TABLE.search(text) and not ONE_ASKED.search(text)  # "the standings after ..."
        shape: Shape = "row" if lead.one_holder and not table else "list"
        return with_time(replace(query, group_by=(holder(text),), shape=shape), layer)
    return query


TABLE = re.compile(r"\b(?:standings|table|classification)\b")
ONE_ASKED = re.compile(r"\b(?:who|whom|which|lead|led|leads|leader|leading|top)\b")


def with_time(query: TypedQuery, layer: Layer) -> TypedQuery:
    """The holder of one race's fastest lap or pole, with the lap's time (the metric read `by:
    time` of it): "who set the fastest lap at Monza 2020" is a driver and a time."""
    lead = query.metrics[0]
    if query.shape != "row" or not query.group_by or query.per or len(query.metrics) > 1:
        return query
    if not layer.metrics[lead].one_holder or not one_edition(query.filters, layer.metrics[lead]):
        return query
    timed = [m.name for m in layer.metrics.values() if m.of == lead and m.by == "time"]
    return replace(query, metrics=(lead, *timed[:1])) if timed else query


HOW_MANY = re.compile(r"\bhow many (?:different |distinct |unique )?(\w+)(?: (\w+))?")


def counted_entity(text: str, layer: Layer, metrics: list[str]) -> str | None:
    """The entity counted in "how many drivers won a race", "how many races were there": each
    group having the metric counts once (a streak, an age or a head-to-head is no such count)."""
    hit = HOW_MANY.search(text)
    if hit is None or STREAK.search(text) or AGE.search(text):
        return None
    if any(is_pairwise(layer.metrics[m]) for m in metrics):
        return None
    words = {w: name for name, e in layer.entities.items() for w in e.words}
    first, second = hit.group(1), hit.group(2) or ""
    nouns = {p for m in layer.metrics.values() for p in m.synonyms if " " not in p}
    if first in words and second in nouns:  # "how many constructors' titles": the titles
        return None
    return words.get(f"{first} {second}") or words.get(first) or words.get(second)


def difference_query(
    metrics: list[str], filters: Filters, entity: str | None, top_two: bool
) -> TypedQuery:
    """The first group's metric less the second's: two drivers (teams) named, else the two
    best-ranked groups of the entity asked about."""
    if not top_two and len(filters.drivers) == 2:
        entity = "driver"
    elif not top_two and len(filters.constructors) == 2:
        entity = "constructor"
    return TypedQuery((metrics[0],), (entity or "driver",), filters=filters, shape="difference")


def subject(question: str, filters: Filters) -> str:
    """The entity answered about when no word names it: a team named in the possessive
    ("McLaren's longest run of wins"), else a driver."""
    possessive = re.search(r"[’'`´]s\b", question)
    if possessive and filters.constructors and not filters.drivers:
        return "constructor"
    return "driver"


def complete_only(query: TypedQuery, layer: Layer, vocab: Vocabulary) -> TypedQuery:
    """Seasons ranked by the fewest of something ("which year had the fewest races"): the season
    under way is not compared (it has the fewest of everything so far)."""
    done, first = vocab.latest_complete, min(vocab.seasons, default=None)
    lead = layer.metrics[query.metrics[0]]
    fewest = query.order == "worst" and lead.better == "higher"
    if query.group_by != ("season",) or not fewest or query.filters.seasons is not None:
        return query
    if done is None or first is None or done == vocab.latest:
        return query
    return replace(query, filters=replace(query.filters, seasons=(first, done)))


def distinct_entity(text: str, layer: Layer) -> str | None:
    """The entity counted in "how many different teams ...", if one is named."""
    words = entity_words(layer)
    hit = re.search(r"\b(?:different|distinct|unique) (\w+)", text)
    return words.get(hit.group(1)) if hit else None


def several(filters: Filters, metrics: list[str], layer: Layer) -> bool:
    """One edition (a race of a season, or a season's record) of a metric with several holders
    ("who was on the podium at Monaco in 1988"): a list, never its first row only."""
    one_season = filters.seasons is not None and filters.seasons[0] == filters.seasons[1]
    place = filters.event_names or filters.circuits or filters.countries or filters.events
    lead = layer.metrics[metrics[0]]
    return ((one_season and bool(place)) or bool(filters.events)) and not lead.one_holder
