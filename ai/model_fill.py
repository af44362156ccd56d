"""The model fills the semantic layer's typed query (ai.semantic.typed_json) instead of writing SQL.

For one question: the entities the reader's linker finds (ai.semantic.linking; only their keys may
appear in the answer's filters), the season range named, the metrics the question names or comes
closest to (the layer's vocabulary, cut to the prompt's budget), and the parser's reading as a hint
(the semantic reader's typed query as JSON, else the old parser's resolved entities and intent).
The prompt stays within half of the model's context window (ai.prompt's estimate): a 135M model
served with a 1024-token window gets the rules, a dozen metrics, the links and the hint; a bigger
window also gets the tables, for an answer the typed query cannot express (then `sql`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from ai.llm import Message
from ai.models import AskRequest
from ai.prompt import budget_tokens, estimate_tokens, linked_tables, table_ddl, user_message
from ai.schema_catalog import Catalog
from ai.semantic.layer import Layer
from ai.semantic.linking import link
from ai.semantic.modifiers import find_round
from ai.semantic.query import TypedQuery
from ai.semantic.reader import find_metrics, reserved_words
from ai.semantic.time import find_seasons
from ai.semantic.typed_json import KIND_OF, Allowed, answer_schema, query_json
from ai.semantic.vocabulary import Vocabulary, plain

if TYPE_CHECKING:
    from ai.library import Understanding
    from ai.semantic import SemanticReader

RULES = """Answer a Formula 1 question by filling the typed query of the semantic layer.
Reply with JSON only: {"query": {...}, "sql": null}.
- metrics: names from the list below; the first one orders the answer.
- group_by: what the answer is about (driver, constructor, season, event, circuit); [] for one
  number. per: ["season"] or ["event"] ranks within one season or race ("in a single season").
- filters: only the linked keys below; seasons [first, last]; session_codes R race, Q
  qualifying, S sprint.
- order: best, worst or chronological. shape: value (one number), row (who, which), list,
  count (how many different). limit: the list's size or null.
- If the typed query cannot express the question: {"query": null, "sql": "SELECT ..."}."""
MIN_METRICS = 6
METRIC_LINE_TOKENS = 14
FIXED_TOKENS = 400  # rules, links, the hint and the question, estimated high


def metric_count(num_ctx: int) -> int:
    """How many metrics the prompt (and the answer's schema) offers in this context window."""
    return max(MIN_METRICS, (budget_tokens(num_ctx) - FIXED_TOKENS) // METRIC_LINE_TOKENS)


@dataclass(frozen=True)
class FillContext:
    """What one question offers the model: what its answer may name, with labels, and the hint."""

    allowed: Allowed
    labels: dict[tuple[str, str], str]  # (filter, key) -> the warehouse's name
    hint: TypedQuery | None
    named: tuple[str, ...]  # metrics the question names in the layer's words
    schema: dict[str, Any]
    seasons: tuple[int, int] | None = None  # the season range the question names

    @property
    def fits(self) -> bool:
        """The question is the layer's kind: it names a metric, or the reader read it."""
        return bool(self.named) or self.hint is not None


_LABELS: dict[int, tuple[Vocabulary, dict[tuple[str, str], str]]] = {}


def labels_of(vocab: Vocabulary) -> dict[tuple[str, str], str]:
    """(filter, key) -> label for every name of the vocabulary, built once per vocabulary."""
    cached = _LABELS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    labels: dict[tuple[str, str], str] = {}
    for candidates in vocab.phrases.values():
        for c in candidates:
            labels.setdefault((KIND_OF.get(c.kind, c.kind), c.key), c.label)
    _LABELS.clear()
    _LABELS[id(vocab)] = (vocab, labels)
    return labels


def ranked_metrics(question: str, layer: Layer, first: list[str], count: int) -> tuple[str, ...]:
    """The named metrics, then the ones whose words come closest to the question."""
    words = {p: m.name for m in layer.metrics.values() for p in (*m.synonyms, m.name)}
    close = process.extract(plain(question), list(words), scorer=fuzz.token_set_ratio, limit=80)
    ordered = [*first, *(words[p] for p, _, _ in close), *layer.metrics]
    return tuple(dict.fromkeys(ordered))[: max(count, len(first))]


def fill_context(
    reader: SemanticReader, question: str, hinted: bool, num_ctx: int = 8192
) -> FillContext:
    layer, vocab = reader.layer, reader.vocabulary()
    raw = re.sub(r"(?:^|\s)[’'`´](\d\d)\b", r" in \1", question)
    rounds, raw = find_round(raw)
    links = link(raw, vocab, reserved_words(layer))
    seasons, _ = find_seasons(" ".join(t.text for t in links.rest), vocab)
    named, _ = find_metrics(plain(question), layer)
    hint = reader.answer(question).query if hinted else None
    first = [*(hint.metrics if hint else ()), *named]
    keys = {KIND_OF[kind]: tuple(found) for kind, found in links.found.items() if kind in KIND_OF}
    if hint is not None:  # the hint's keys are linked keys too
        for name in KIND_OF.values():
            extra = getattr(hint.filters, name)
            keys[name] = tuple(dict.fromkeys([*keys.get(name, ()), *extra]))
    span = (min(vocab.seasons), max(vocab.seasons)) if vocab.seasons else None
    metrics = ranked_metrics(question, layer, first, metric_count(num_ctx))
    allowed = Allowed(metrics, keys, span, rounds)
    schema = answer_schema(layer, allowed)
    return FillContext(allowed, labels_of(vocab), hint, tuple(named), schema, seasons)


def metric_lines(layer: Layer, names: tuple[str, ...]) -> list[str]:
    lines = []
    for name in names:
        metric = layer.metrics[name]
        words = ", ".join(s for s in metric.synonyms[:2] if s != name.replace("_", " "))
        lines.append(f"{name}: {words}" if words else name)
    return lines


def linked_lines(context: FillContext) -> list[str]:
    lines = []
    for name, keys in context.allowed.keys.items():
        if keys:
            shown = [f"{k} ({context.labels.get((name, k), k)})" for k in keys]
            lines.append(f"{name}: {', '.join(shown)}")
    if context.seasons:
        lines.append(f"seasons named: {list(context.seasons)}")
    if context.allowed.rounds:
        lines.append(f"rounds named: {list(context.allowed.rounds)} (0: the season's last)")
    span = context.allowed.seasons
    if span:
        lines.append(f"seasons in the warehouse: {span[0]}-{span[1]}")
    return lines


def hint_text(context: FillContext, understood: Understanding | None) -> str:
    if context.hint is not None:
        reading = json.dumps({"query": query_json(context.hint), "sql": None})
        head = "## The parser's reading (check it; correct it if the question asks more)"
        return f"{head}\n{reading}"
    lines = understood.hints() if understood is not None else []
    return "## The parser's reading\n" + "\n".join(lines) if lines else ""


def parser_extras(context: FillContext, understood: Understanding | None) -> list[str]:
    """The old parser's entities and intent (when the hint was the typed query) and its SQL."""
    if understood is None:
        return []
    extras = []
    lines = understood.hints()
    if lines and context.hint is not None:
        extras.append("## The parser's entities\n" + "\n".join(lines))
    if understood.match is not None:
        extras.append(f"## The parser's SQL (for sql only)\n{understood.match.sql}")
    return extras


def fill_messages(
    context: FillContext,
    layer: Layer,
    request: AskRequest,
    catalog: Catalog,
    understood: Understanding | None,
    num_ctx: int,
) -> list[Message]:
    """System and user messages within half of `num_ctx`: rules, links, the hint, the metrics
    (at least MIN_METRICS, more while they fit), then while they fit the old parser's entities
    and SQL, then the tables."""
    budget = budget_tokens(num_ctx)
    user = user_message(request)
    parts = [RULES, "## Linked in the question\n" + "\n".join(linked_lines(context))]
    hint = hint_text(context, understood)
    parts += [hint] if hint else []
    used = sum(estimate_tokens(p) for p in parts) + estimate_tokens(user) + 16
    shown = metric_lines(layer, context.allowed.metrics)
    while len(shown) > MIN_METRICS and used + estimate_tokens("\n".join(shown)) + 8 > budget:
        shown.pop()
    parts.insert(1, "## Metrics (name: what it counts)\n" + "\n".join(shown))
    used += estimate_tokens(parts[1])
    for extra in parser_extras(context, understood):  # a bigger window: the old parser's too
        if used + estimate_tokens(extra) > budget:
            break
        parts.append(extra)
        used += estimate_tokens(extra)
    parser_sql = understood.match.sql if understood and understood.match else None
    ddl = []
    for table in linked_tables(catalog, request.question, parser_sql):
        text = table_ddl(table, False)
        if used + estimate_tokens(text) > budget:
            break
        ddl.append(text)
        used += estimate_tokens(text)
    if ddl:
        parts.append("## Tables (for sql only)\n" + "\n".join(ddl))
    return [{"role": "system", "content": "\n\n".join(parts)}, {"role": "user", "content": user}]


def repair_message(reply: str, error: str) -> list[Message]:
    return [
        {"role": "assistant", "content": reply},
        {
            "role": "user",
            "content": f"That did not work: {error}\nFix it. Reply with JSON only: "
            '{"query": {...}, "sql": null} or {"query": null, "sql": "SELECT ..."}.',
        },
    ]
