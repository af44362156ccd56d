"""The typed query a question becomes (by the reader here, or later by a model): metrics of the
semantic layer, the entity answered about, filters on linked entities and time, an optional
per-group grain to rank within ("in a single season"), order, limit and the answer's shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# count: how many groups have the metric; difference: the first group's value less the second's
# (two named entities, in the question's order, else the two best-ranked groups)
Shape = Literal["value", "row", "list", "count", "difference"]
# earliest / latest: the holder of the first or last edition ("the last British champion")
Order = Literal["best", "worst", "chronological", "earliest", "latest"]


@dataclass(frozen=True)
class Filters:
    """Linked entities by their keys and resolved time; empty means no restriction."""

    drivers: tuple[str, ...] = ()  # driver_ref
    constructors: tuple[str, ...] = ()  # constructor_ref
    events: tuple[str, ...] = ()  # event_id (one edition)
    event_names: tuple[str, ...] = ()  # every edition of a Grand Prix
    circuits: tuple[str, ...] = ()  # circuit_ref
    countries: tuple[str, ...] = ()  # the event's country
    nationalities: tuple[str, ...] = ()  # the driver's (else the constructor's) nationality
    statuses: tuple[str, ...] = ()  # a result's status: the cause of a retirement ("Engine")
    seasons: tuple[int, int] | None = None  # inclusive; decades and "last N" resolved
    rounds: tuple[int, ...] = ()  # a round of the season ("after round 5")
    session_codes: tuple[str, ...] = ()  # replaces the metric's default sessions
    roles: tuple[str, ...] = ()  # the race's "winner" / "pole" (a driver known by his result)
    cumulative: bool = False  # rounds/events name where the season is counted up to ("after")

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class TypedQuery:
    """`group_by`: the entities answered about (driver, constructor, season, event, circuit);
    `per`: a finer grain ranked within ("most wins in a single season": group by driver, per
    season); `order` "best" follows each metric's better direction, "worst" reverses it;
    "chronological" lists editions in calendar order (each race's winner), "earliest"/"latest"
    takes the holder of the first/last edition (`per` names the edition)."""

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
