"""The typed query a question becomes (by the reader here, or later by a model): metrics of the
semantic layer, the entity answered about, filters on linked entities and time, an optional
per-group grain to rank within ("in a single season"), order, limit and the answer's shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Shape = Literal["value", "row", "list", "count"]  # count: how many groups have the metric
Order = Literal["best", "worst", "chronological"]


@dataclass(frozen=True)
class Filters:
    """Linked entities by their keys and resolved time; empty means no restriction."""

    drivers: tuple[str, ...] = ()  # driver_ref
    constructors: tuple[str, ...] = ()  # constructor_ref
    events: tuple[str, ...] = ()  # event_id (one edition)
    event_names: tuple[str, ...] = ()  # every edition of a Grand Prix
    circuits: tuple[str, ...] = ()  # circuit_ref
    countries: tuple[str, ...] = ()  # the event's country
    seasons: tuple[int, int] | None = None  # inclusive; decades and "last N" resolved
    rounds: tuple[int, ...] = ()  # a round of the season ("after round 5")
    session_codes: tuple[str, ...] = ()  # replaces the metric's default sessions

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class TypedQuery:
    """`group_by`: the entities answered about (driver, constructor, season, event, circuit);
    `per`: a finer grain ranked within ("most wins in a single season": group by driver, per
    season); `order` "best" follows each metric's better direction, "worst" reverses it;
    "chronological" lists editions in calendar order (each race's winner)."""

    metrics: tuple[str, ...]
    group_by: tuple[str, ...] = ()
    per: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    order: Order = "best"
    limit: int | None = None
    shape: Shape = "list"
    without: tuple[str, ...] = ()  # metrics the group never had ("most wins without a title")

    @property
    def grain(self) -> tuple[str, ...]:
        return (*self.group_by, *(p for p in self.per if p not in self.group_by))
