"""The semantic layer (layer.yml) read into typed, checked declarations: sources, entities and
metrics. Loaded once per process; a malformed entry fails at load with the entry named."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

LAYER_FILE = Path(__file__).with_name("layer.yml")
RECORDS_FILE = Path(__file__).with_name("records.yml")  # more metrics, same format
FANS_FILE = Path(__file__).with_name("fans.yml")  # more metrics, same format
FilterValue = bool | tuple[str, ...]


class LayerError(ValueError):
    """layer.yml does not describe a usable layer."""


@dataclass(frozen=True)
class Source:
    name: str
    sql: str  # a served table or a parenthesised read-only subquery
    keys: frozenset[str]
    # rows of several holders (the standings: a driver's rows, a constructor's): the key whose
    # rows answer when the query names no holder ("the standings after round 2": the drivers')
    holder: str = ""


@dataclass(frozen=True)
class Entity:
    name: str
    key: str  # the column on the facts (or on `via`) that identifies it
    table: str = ""  # where the label is read
    label: str = ""
    via: str = ""  # a dimension between the facts and the key (circuit: the event's)
    via_on: str = ""  # the facts' column that joins `via`
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metric:
    name: str
    source: Source
    expr: str
    filters: tuple[tuple[str, FilterValue], ...]
    unit: str
    better: str  # "higher" or "lower"
    synonyms: tuple[str, ...]
    weak: tuple[str, ...] = ()
    one_holder: bool = False  # one holder per race or season (a winner, not a podium)
    of: str = ""  # the metric this one reads differently ("win_streak" of "wins") ...
    by: str = ""  # ... and how: "streak", "first", "last" (ai.semantic.shapes)
    # read instead of another metric when the answer is grouped by one of these entities
    # ("which season had the most races": races held, not cars started)
    replaces: str = ""
    replaces_for: tuple[str, ...] = ()

    @property
    def session_codes(self) -> tuple[str, ...]:
        value = dict(self.filters).get("session_code", ())
        return value if isinstance(value, tuple) else ()


@dataclass(frozen=True)
class Layer:
    sources: dict[str, Source]
    entities: dict[str, Entity]
    metrics: dict[str, Metric]
    aliases: tuple[tuple[str, str], ...] = ()  # (nickname, driver_ref)


def words(raw: Any) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in raw or ())


def filter_value(raw: Any) -> FilterValue:
    if isinstance(raw, bool):
        return raw
    return tuple(str(v) for v in (raw if isinstance(raw, list) else [raw]))


def parse_metric(name: str, raw: dict[str, Any], sources: dict[str, Source]) -> Metric:
    try:
        source = sources[raw["source"]]
        filters = tuple((k, filter_value(v)) for k, v in (raw.get("filters") or {}).items())
        metric = Metric(
            name=name,
            source=source,
            expr=str(raw["expr"]),
            filters=filters,
            unit=str(raw.get("unit", "")),
            better=str(raw.get("better", "higher")),
            synonyms=words(raw.get("synonyms")),
            weak=words(raw.get("weak")),
            one_holder=bool(raw.get("one_holder", False)),
            of=str(raw.get("of", "")),
            by=str(raw.get("by", "")),
            replaces=str((raw.get("replaces") or {}).get("metric", "")),
            replaces_for=words((raw.get("replaces") or {}).get("grouped_by")),
        )
    except (KeyError, TypeError) as bad:
        raise LayerError(f"metric {name}: missing or bad {bad}") from bad
    if metric.better not in ("higher", "lower") or not metric.synonyms:
        raise LayerError(f"metric {name}: better must be higher/lower, synonyms non-empty")
    return metric


def parse_layer(raw: dict[str, Any]) -> Layer:
    sources = {
        name: Source(name, str(s["from"]).strip(), frozenset(s["keys"]), str(s.get("holder", "")))
        for name, s in raw["sources"].items()
    }
    entities = {
        name: Entity(
            name,
            str(e["key"]),
            str(e.get("table", "")),
            str(e.get("label", "")),
            str(e.get("via", "")),
            str(e.get("via_on", "")),
            words(e.get("words")),
        )
        for name, e in raw["entities"].items()
    }
    metrics = {name: parse_metric(name, m, sources) for name, m in raw["metrics"].items()}
    aliases = tuple((str(k).lower(), str(v)) for k, v in (raw.get("aliases") or {}).items())
    return Layer(sources, entities, metrics, aliases)


@cache
def load_layer(
    path: Path = LAYER_FILE, records: Path | None = RECORDS_FILE, fans: Path | None = FANS_FILE
) -> Layer:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    for more in (records, fans):
        if more is None:
            continue
        with more.open(encoding="utf-8") as handle:
            extra = yaml.safe_load(handle)
        clash = set(raw["metrics"]) & set(extra["metrics"])
        if clash:
            raise LayerError(f"metrics declared twice: {sorted(clash)}")
        raw["metrics"] = {**raw["metrics"], **extra["metrics"]}
    return parse_layer(raw)
