"""The typed query (ai.semantic.query) as JSON, for a model to fill: a JSON schema derived from the
semantic layer (metric names, entity names, orders and shapes as enums; entity filters limited to
the keys linked in the question), the query written as that JSON (the parser's reading, shown to
the model as a hint), and a model's JSON read back into a checked TypedQuery.

A model's answer is `{"query": <typed query> | null, "sql": <one SELECT> | null}`: the typed query
when the layer can express the question, SQL for what it cannot. Both Ollama's `format` and the
OpenAI `response_format` take the schema, so a server with grammar-constrained decoding can only
write valid shapes; `read_answer` still checks everything (a server without constraints, or a
stand-in, can write anything): an unknown metric or entity, a key that was not linked, or a season
outside the warehouse is a ValueError with a one-line reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast, get_args

from ai.semantic.layer import Layer
from ai.semantic.query import Filters, Order, Shape, TypedQuery
from f1lake.sessions import all_codes

ORDERS: tuple[str, ...] = get_args(Order)
SHAPES: tuple[str, ...] = get_args(Shape)
PER = ("season", "event")
SESSION_CODES = all_codes()
KEYED = ("drivers", "constructors", "events", "event_names", "circuits", "countries")
KIND_OF = {  # linked kind (ai.semantic.linking) -> the filter that holds its keys
    "driver": "drivers",
    "constructor": "constructors",
    "event": "events",
    "event_name": "event_names",
    "circuit": "circuits",
    "country": "countries",
}
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Allowed:
    """What one question's answer may name: the metrics offered, the linked keys per filter,
    the warehouse's seasons."""

    metrics: tuple[str, ...]
    keys: Mapping[str, tuple[str, ...]]  # filter name (drivers, ...) -> linked keys
    seasons: tuple[int, int] | None = None  # the warehouse's first and last season
    rounds: tuple[int, ...] = ()  # the round the question names (0: the season's last)


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def array_of(items: dict[str, Any], max_items: int | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items}
    if max_items is not None:
        schema["maxItems"] = max_items
    return schema


def closed(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def query_schema(layer: Layer, allowed: Allowed) -> dict[str, Any]:
    """The JSON schema of one question's typed query (every property required, no others)."""
    metric = {"enum": list(allowed.metrics)}
    filters: dict[str, Any] = {
        name: array_of({"enum": list(keys)}, len(keys))
        for name, keys in allowed.keys.items()
        if keys
    }
    filters["seasons"] = nullable(array_of({"type": "integer"}, 2) | {"minItems": 2})
    filters["session_codes"] = array_of({"enum": list(SESSION_CODES)}, 3)
    if allowed.rounds:
        filters["rounds"] = array_of({"enum": list(allowed.rounds)}, len(allowed.rounds))
    return closed(
        {
            "metrics": array_of(metric, 3) | {"minItems": 1},
            "group_by": array_of({"enum": list(layer.entities)}, 2),
            "per": array_of({"enum": list(PER)}, 1),
            "filters": closed(filters),
            "order": {"enum": list(ORDERS)},
            "limit": nullable({"type": "integer"}),
            "shape": {"enum": list(SHAPES)},
            "without": array_of(metric, 2),
        }
    )


def answer_schema(layer: Layer, allowed: Allowed) -> dict[str, Any]:
    """The whole answer: the typed query, or SQL for what it cannot express."""
    return closed(
        {
            "query": nullable(query_schema(layer, allowed)),
            "sql": nullable({"type": "string"}),
        }
    )


def query_json(query: TypedQuery) -> dict[str, Any]:
    """A typed query as the JSON the schema describes (only the filters it uses)."""
    f = query.filters
    filters: dict[str, Any] = {name: list(getattr(f, name)) for name in KEYED if getattr(f, name)}
    filters["seasons"] = list(f.seasons) if f.seasons else None
    filters["session_codes"] = list(f.session_codes)
    if f.rounds:
        filters["rounds"] = list(f.rounds)
    return {
        "metrics": list(query.metrics),
        "group_by": list(query.group_by),
        "per": list(query.per),
        "filters": filters,
        "order": query.order,
        "limit": query.limit,
        "shape": query.shape,
        "without": list(query.without),
    }


def strings(raw: Any, what: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise ValueError(f"{what} must be a list of names")
    return tuple(raw)


def one_of(values: Sequence[str], known: Sequence[str], what: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown[:3])}")
    return tuple(dict.fromkeys(values))


def read_seasons(raw: Any, allowed: Allowed) -> tuple[int, int] | None:
    if raw is None or raw == []:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = [raw, raw]
    if (
        not isinstance(raw, list)
        or len(raw) not in (1, 2)
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
    ):
        raise ValueError("seasons must be [first, last] years")
    lo, hi = min(raw), max(raw)
    if allowed.seasons is not None and (lo < allowed.seasons[0] or hi > allowed.seasons[1]):
        first, last = allowed.seasons
        raise ValueError(f"seasons {lo}-{hi} outside the warehouse's {first}-{last}")
    return lo, hi


def read_filters(raw: Any, allowed: Allowed) -> Filters:
    if raw is None:
        return Filters()
    if not isinstance(raw, dict):
        raise ValueError("filters must be an object")
    unknown = set(raw) - {*KEYED, "seasons", "session_codes", "rounds"}
    if unknown:
        raise ValueError(f"unknown filter: {', '.join(sorted(unknown))}")
    keyed: dict[str, Any] = {  # KEYED names only: tuples of keys
        name: one_of(
            strings(raw.get(name), name), allowed.keys.get(name, ()), f"{name} (not linked)"
        )
        for name in KEYED
    }
    rounds = raw.get("rounds") or []
    if not isinstance(rounds, list) or any(r not in allowed.rounds for r in rounds):
        raise ValueError(f"rounds must be among the question's {list(allowed.rounds)}")
    codes = one_of(strings(raw.get("session_codes"), "session_codes"), SESSION_CODES, "session")
    return Filters(
        **keyed,
        seasons=read_seasons(raw.get("seasons"), allowed),
        rounds=tuple(rounds),
        session_codes=codes,
    )


def read_query(raw: Any, layer: Layer, allowed: Allowed) -> TypedQuery:
    """A model's typed query, checked against the layer and the question's links."""
    if not isinstance(raw, dict):
        raise ValueError("query must be an object")
    metrics = one_of(strings(raw.get("metrics"), "metrics"), list(layer.metrics), "metric")
    if not metrics:
        raise ValueError("query names no metric")
    entities = list(layer.entities)
    order, shape, limit = raw.get("order", "best"), raw.get("shape", "list"), raw.get("limit")
    if order not in ORDERS or shape not in SHAPES:
        raise ValueError(f"order must be one of {ORDERS}, shape one of {SHAPES}")
    if limit is not None and (not isinstance(limit, int) or not 0 < limit <= MAX_LIMIT):
        raise ValueError(f"limit must be 1-{MAX_LIMIT} or null")
    return TypedQuery(
        metrics=metrics,
        group_by=one_of(strings(raw.get("group_by"), "group_by"), entities, "entity"),
        per=one_of(strings(raw.get("per"), "per"), PER, "per"),
        filters=read_filters(raw.get("filters"), allowed),
        order=cast(Order, order),
        limit=limit,
        shape=cast(Shape, shape),
        without=one_of(strings(raw.get("without"), "without"), list(layer.metrics), "metric"),
    )


def read_answer(text: str, layer: Layer, allowed: Allowed) -> TypedQuery | str:
    """The model's answer: a checked TypedQuery, or its SQL text; ValueError when neither."""
    try:
        raw = json.loads(text, strict=False)
    except json.JSONDecodeError as error:
        raise ValueError(f"model output is not JSON of the form {{query, sql}}: {error}") from error
    if not isinstance(raw, dict):
        raise ValueError("model output is not a JSON object {query, sql}")
    query, sql = raw.get("query"), raw.get("sql")
    if query is not None:
        return read_query(query, layer, allowed)
    if isinstance(sql, str) and sql.strip():
        return sql
    raise ValueError("model output holds neither a typed query nor SQL")
