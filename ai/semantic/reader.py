"""A question read into a typed query, from the layer's synonyms and the warehouse's names.

Time first (ai.semantic.time), then entities (ai.semantic.linking), then the metrics named by the
layer's synonyms (longest first; a weak word only when nothing else is named), then the shape:
"how many" is one value, "who"/"which X" one row (a plural or "top N" a list), "in a single
season/race" ranks within that grain. Every word left over must be a word the reader knows:
anything else (a modifier the layer cannot express yet, nonsense, SQL) gives None, so the
question goes to the old parser or the model and is never answered with an unrelated table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ai.semantic.layer import Layer
from ai.semantic.linking import Links, link
from ai.semantic.modifiers import (
    AFTER,
    QUALIFIED,
    ROLE,
    counts_distinct,
    difference_of,
    find_round,
    is_latest_round,
    split_without,
    unqualified,
)
from ai.semantic.normalize import from_country, race_season, untypo
from ai.semantic.query import Filters, Order, Shape, TypedQuery
from ai.semantic.shapes import (
    complete_only,
    counted_entity,
    difference_query,
    distinct_entity,
    entity_words,
    refine,
    several,
    subject,
)
from ai.semantic.time import WORDS, find_seasons
from ai.semantic.vocabulary import Vocabulary, plain
from f1lake.sessions import SPRINT

FILLER_WORDS = """
    a an the of in at on for by to from with and or vs versus than as is are was were be been
    has have had do does did how many much what which who whom whose most more fewest least
    highest lowest best worst top list show me tell give rank ranking each every per all time
    ever career history f1 formula 1 one total number count overall there their his her its
    has get got took take taking score scored did drivers driver team teams constructor
    constructors season seasons year years race races grand prix gp event events circuit
    circuits track tracks single so far whole entire achieved recorded record made make
    please ever any different whats won win wins between since before after during until up
    it that this these those achieve collect collected earn earned longest shortest biggest
    when where ever row world times place different distinct unique after set held hold holds
    v against other across careers often came out sundays sunday he she him tally run back
    very because due produced produce produces come came
    old age aged sprints mate mates teammate teammates places spots better name"""
FILLER = frozenset(FILLER_WORDS.split())
SQL_WORDS = re.compile(
    r"\b(delete|insert|update|alter|create|truncate|grant|attach|copy|pragma|select)\b"
    r"|\bdrop\s+(?:table|view|schema|database|index|column|macro|function)\b"
    r"|;|--|\*",
    re.I,
)
WORST = re.compile(r"\b(fewest|least|worst|slowest)\b")
LOWEST = re.compile(r"\blowest\b")
HIGHEST = re.compile(r"\bhighest\b")
SUPERLATIVE = re.compile(
    r"\b(most|fewest|least|highest|lowest|best|worst|fastest|quickest|top|youngest|oldest|longest)\b"
)
PER = re.compile(r"\b(?:in|during|at) (?:a|one) (?:single )?(season|year|race|grand prix)\b")
SESSION = (("sprints?", (SPRINT,)),)
CAUSED = "stoppages"  # what a cause of retirement counts ("how many engine failures")
MANY = re.compile(r"\btop \w+|\beach\b|\bevery\b|\bper\b|\bby\b")


@dataclass(frozen=True)
class Reading:
    """The reader's answer: a typed query, or why there is none (`hostile`: refuse outright)."""

    query: TypedQuery | None
    reason: str = ""
    hostile: bool = False


@dataclass(frozen=True)
class LayerWords:
    """What the reader needs of a layer's words, built once per layer (not per question)."""

    reserved: frozenset[str]
    units: frozenset[str]
    phrases: tuple[tuple[re.Pattern[str], str, bool], ...]  # longest first, strong first


_WORDS: dict[int, tuple[Layer, LayerWords]] = {}


def layer_words(layer: Layer) -> LayerWords:
    cached = _WORDS.get(id(layer))
    if cached is not None and cached[0] is layer:
        return cached[1]
    words = set(FILLER) | set(entity_words(layer))
    for metric in layer.metrics.values():
        for phrase in (*metric.synonyms, *metric.weak):
            words.add(plain(phrase))
            words.update(plain(phrase).split())
    units = {plain(m.unit) for m in layer.metrics.values()}
    units |= {w.split()[0] for w in entity_words(layer)}  # "grands prix" won: the unit
    phrases = [(plain(p), m.name, True) for m in layer.metrics.values() for p in m.synonyms]
    phrases += [(plain(p), m.name, False) for m in layer.metrics.values() for p in m.weak]
    ordered = sorted(phrases, key=lambda p: (-len(p[0]), not p[2]))
    built = LayerWords(
        frozenset(words),
        frozenset(units),
        tuple((re.compile(rf"\b{re.escape(p)}\b"), n, strong) for p, n, strong in ordered),
    )
    _WORDS[id(layer)] = (layer, built)
    return built


def reserved_words(layer: Layer) -> set[str]:
    return set(layer_words(layer).reserved)


def find_metrics(text: str, layer: Layer) -> tuple[list[str], str]:
    """Metrics named in `text` (in question order) and the text without their words. Of weak
    words only, one that is another metric's unit ("races" of wins) is that unit."""
    original = text
    strong: list[tuple[int, str]] = []
    weak: list[tuple[int, str]] = []
    known = layer_words(layer)
    units = known.units
    for pattern, name, is_strong in known.phrases:
        for hit in pattern.finditer(text):
            (strong if is_strong else weak).append((hit.start(), name))
            text = text[: hit.start()] + " " * len(hit.group(0)) + text[hit.end() :]
    if not strong and len({name for _, name in weak}) > 1:  # "how many races did he win"
        weak = [(at, name) for at, name in weak if text_at(original, at) not in units]
    chosen = strong or weak
    names: list[str] = []
    for _, name in sorted(chosen):
        if name not in names:
            names.append(name)
    return names, text


def find_role(text: str, layer: Layer) -> tuple[tuple[str, ...], str]:
    """(the race's role named, the text without it) when another metric is asked of that
    driver; else no role and the text as it was ("who was the winner": the winner)."""
    hit = ROLE.search(text)
    if hit is None:
        return (), text
    rest = text[: hit.start()] + " the " + text[hit.end() :]
    if not find_metrics(rest, layer)[0]:
        return (), text
    if hit.group(3):
        return ("constructor_champion" if hit.group(4) else "champion",), rest
    return ("winner" if hit.group(1) else "pole",), rest


def text_at(text: str, at: int) -> str:
    return re.split(r"\W", text[at:], maxsplit=1)[0]


def grouping(text: str, layer: Layer) -> tuple[str | None, bool]:
    """(the entity answered about, whether a list is asked) from who/which/top/each."""
    words = entity_words(layer)
    alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    people = ("who", "whom", "whose")
    hits = re.finditer(
        rf"(?:^|\b(?:which|what|top \w+|each|every|per|by|the|for (?:a|an|one)))\s*"
        rf"({alternation})\b",
        text,
    )
    which = next((hit for hit in hits if hit.group(1) not in people), None)
    if which:
        word = which.group(1)
        qualifier = QUALIFIED.match(text, which.start(1)) is not None  # "constructors' title"
        plural = word.endswith("s") and not word.endswith("ss") and not qualifier
        return words[word], plural or bool(MANY.search(which.group(0)))
    if re.search(r"\bwho\b|\bwhom\b|\bwhose\b", text):
        return "driver", False
    return None, False


def top_n(text: str) -> int | None:
    hit = re.search(r"\btop (\d{1,2}|" + "|".join(WORDS) + r")\b", text)
    if not hit:
        return None
    value = hit.group(1)
    return int(value) if value.isdigit() else WORDS[value]


def order_of(text: str, metrics: list[str], layer: Layer) -> Order:
    lower_better = layer.metrics[metrics[0]].better == "lower"
    if WORST.search(text):
        return "worst"
    if LOWEST.search(text):
        return "best" if lower_better else "worst"
    if HIGHEST.search(text) and lower_better:
        return "worst"
    return "best"


NOISE = re.compile(
    r"\b(?:ever|f1|formula (?:1|one))\b"
    r"|\bworld championship(?= (?:grand prix|grands prix|races?|rounds?|gps?|events?)\b)"
)


def filters_of(
    links: Links, seasons: tuple[int, int] | None, text: str, rounds: tuple[int, ...] = ()
) -> Filters:
    found = links.found
    sessions = next((codes for word, codes in SESSION if re.search(rf"\b{word}\b", text)), ())
    places = ("event", "event_name", "circuit", "country")
    one_season = seasons is not None and seasons[0] == seasons[1]
    at = bool(rounds) or (one_season and any(found.get(k) for k in places))
    return Filters(
        nationalities=tuple(found.get("nationality", ())),
        statuses=tuple(found.get("status", ())),
        cumulative=at and AFTER.search(text) is not None,
        drivers=tuple(found.get("driver", ())),
        constructors=tuple(found.get("constructor", ())),
        events=tuple(found.get("event", ())),
        event_names=tuple(found.get("event_name", ())),
        circuits=tuple(found.get("circuit", ())),
        countries=tuple(found.get("country", ())),
        seasons=seasons,
        rounds=rounds,
        session_codes=sessions,
    )


def read(question: str, layer: Layer, vocab: Vocabulary) -> Reading:
    if SQL_WORDS.search(question):
        return Reading(None, "SQL is not a question", hostile=True)
    raw = re.sub(r"(?:^|\s)[’'`´](\d\d)\b", r" in \1", untypo(question))
    so_far = is_latest_round(raw)  # "after the latest race": the latest season so far
    rounds, raw = find_round(raw)
    raw = from_country(raw, vocab)
    reserved = set(layer_words(layer).reserved)
    links = link(raw, vocab, reserved)
    if links.ambiguous:
        return Reading(None, f"two readings of {', '.join(links.ambiguous)}")
    text = " ".join(NOISE.sub(" ", " ".join(t.text for t in links.rest)).split())
    text = race_season(raw, text)
    seasons, text = find_seasons(text, vocab)
    if so_far and seasons is None and vocab.latest is not None:
        seasons = (vocab.latest, vocab.latest)
    roles, text = find_role(" ".join(text.split()), layer)
    gap, top_two, text = difference_of(" ".join(unqualified(text).split()))
    text, after = split_without(text)
    metrics, text = find_metrics(text, layer)
    without, after = find_metrics(after, layer) if after else ([], "")
    if links.found.get("status") and metrics in ([], ["dnfs"]):
        metrics = [CAUSED]  # "engine failures": results ended by that cause
    if not metrics:
        return Reading(None, "no metric of the semantic layer named")
    text = re.sub(r"\btop (?:\d{1,2}|" + "|".join(WORDS) + r")\b", " ", text)
    unknown = [w for w in (text + " " + after).split() if w not in reserved]
    if unknown:
        return Reading(None, f"words the semantic layer does not read: {' '.join(unknown[:5])}")
    full = plain(raw)
    filters = replace(filters_of(links, seasons, full, rounds), roles=roles)
    entity, many = grouping(full, layer)
    if gap:
        return Reading(difference_query(metrics, filters, entity, top_two))
    per_hit = PER.search(full)
    per = (
        ()
        if per_hit is None
        else ("season" if per_hit.group(1) in ("season", "year") else "event",)
    )
    counting = re.search(r"\bhow (?:many|much)\b|\bnumber of\b|\bcount\b|\btotal\b", full)
    counted_as = counted_entity(full, layer, metrics)
    if counting and (counts_distinct(full) or counted_as) and not per:
        counted = distinct_entity(full, layer) or counted_as or entity or "driver"
        query = TypedQuery(tuple(metrics), (counted,), filters=filters, shape="count")
        return Reading(query)
    if entity is None and (counting or not SUPERLATIVE.search(full)) and not per:
        if filters.is_empty() and not counting:
            return Reading(None, "a metric with nothing to measure it on")
        return reading(
            refine(TypedQuery(tuple(metrics), filters=filters, shape="value"), full, layer)
        )
    entity = entity or subject(question, filters)
    limit = top_n(full)
    shape: Shape = "list" if many or limit or several(filters, metrics, layer) else "row"
    order = order_of(full, metrics, layer)
    query = TypedQuery(tuple(metrics), (entity,), per, filters, order, limit, shape, tuple(without))
    return reading(refine(complete_only(query, layer, vocab), full, layer))


def reading(query: TypedQuery | None) -> Reading:
    return Reading(query, "" if query else "qualifying asked of a race metric")
