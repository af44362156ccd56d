"""The catalog part of the semantic layer (catalog.yml) read into typed declarations: entities
with their columns, measures over the race results, row values, country names and demonyms.
Loaded once per process; a malformed entry fails at load with the entry named."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from ai.semantic.layer import LayerError
from ai.semantic.vocabulary import plain

CATALOG_FILE = Path(__file__).with_name("catalog.yml")
RESULTS = "gold.fct_results"


@dataclass(frozen=True)
class Column:
    name: str
    expr: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class CatalogEntity:
    name: str
    table: str
    key: str
    label: str
    words: tuple[str, ...]
    columns: dict[str, Column]
    races_key: str = ""  # its column on the race results ("" for a race itself)
    held: str = ""  # the rows that exist as answers (a race that was run)
    nationality: str = ""
    born: str = ""
    date: str = ""
    standings: str = ""  # the championship standings after each round


@dataclass(frozen=True)
class Measure:
    """An aggregate over the facts (`r`) of a group's races, or a value of one fact row."""

    name: str
    expr: str
    words: tuple[str, ...]
    facts: str = RESULTS


@dataclass(frozen=True)
class Catalog:
    entities: dict[str, CatalogEntity]
    measures: dict[str, Measure]
    values: dict[str, Measure]
    countries: dict[str, str]  # plain name -> the warehouse's country
    demonyms: dict[str, str]  # country -> nationality

    def entity_words(self) -> dict[str, str]:
        return {w: e.name for e in self.entities.values() for w in e.words}

    def names(self) -> set[str]:
        """The words of the entities and their one-word columns ("last" alone is not "last name";
        a measure's words must be read)."""
        words = {w for p in self.entity_words() for w in plain(p).split()}
        for entity in self.entities.values():
            words |= {w for c in entity.columns.values() for w in c.words if " " not in w}
        return words

    def words(self) -> set[str]:
        """Every word the catalog declares."""
        phrases = [*self.entity_words()]
        for entity in self.entities.values():
            phrases += [w for c in entity.columns.values() for w in c.words]
        for measure in (*self.measures.values(), *self.values.values()):
            phrases += measure.words
        return {w for p in phrases for w in plain(p).split()}


def plain_words(raw: Any) -> tuple[str, ...]:
    return tuple(plain(str(w)) for w in raw or ())


def parse_entity(name: str, raw: dict[str, Any]) -> CatalogEntity:
    try:
        columns = {
            c: Column(c, str(spec["expr"]), plain_words(spec["words"]))
            for c, spec in raw["columns"].items()
        }
        entity = CatalogEntity(
            name=name,
            table=str(raw["table"]),
            key=str(raw["key"]),
            label=str(raw["label"]),
            words=plain_words(raw["words"]),
            columns=columns,
            races_key=str(raw.get("races_key", "")),
            held=str(raw.get("held", "")),
            nationality=str(raw.get("nationality", "")),
            born=str(raw.get("born", "")),
            date=str(raw.get("date", "")),
            standings=str(raw.get("standings", "")),
        )
    except (KeyError, TypeError, AttributeError) as bad:
        raise LayerError(f"catalog entity {name}: missing or bad {bad}") from bad
    if entity.label not in columns or (entity.date and entity.date not in columns):
        raise LayerError(f"catalog entity {name}: label/date must be one of its columns")
    return entity


def parse_measures(raw: dict[str, Any]) -> dict[str, Measure]:
    try:
        return {
            name: Measure(
                name, str(m["expr"]), plain_words(m["words"]), str(m.get("facts", RESULTS))
            )
            for name, m in raw.items()
        }
    except (KeyError, TypeError) as bad:
        raise LayerError(f"catalog measure: missing or bad {bad}") from bad


def parse_catalog(raw: dict[str, Any]) -> Catalog:
    return Catalog(
        entities={n: parse_entity(n, e) for n, e in raw["entities"].items()},
        measures=parse_measures(raw["measures"]),
        values=parse_measures(raw["values"]),
        countries={plain(k): str(v) for k, v in (raw.get("countries") or {}).items()},
        demonyms={str(k): str(v) for k, v in (raw.get("demonyms") or {}).items()},
    )


@cache
def load_catalog(path: Path = CATALOG_FILE) -> Catalog:
    with path.open(encoding="utf-8") as handle:
        return parse_catalog(yaml.safe_load(handle))
