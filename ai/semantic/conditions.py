"""The WHERE conditions of one metric's CTE (ai.semantic.compiler): the layer's default filters,
then the typed query's filters: linked entities, places (a renamed Grand Prix, the season up to a
race), nationalities, roles (the race's winner, the season's champion), causes and time. Values
only enter as typed literals."""

from __future__ import annotations

from ai.semantic.layer import Metric
from ai.semantic.query import Filters
from f1lake.sessions import RACE

ROLES = {"winner": "is_winner", "pole": "is_pole"}  # a role of a race -> its results' flag


class NotCompilableError(ValueError):
    """The typed query asks for something its metrics' sources do not hold."""


def lit(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def one_of(column: str, values: tuple[str, ...] | tuple[int, ...]) -> str:
    if len(values) == 1:
        return f"{column} = {lit(values[0])}"
    return f"{column} in ({', '.join(lit(v) for v in values)})"


def need(metric: Metric, key: str, what: str) -> None:
    if key not in metric.source.keys:
        raise NotCompilableError(f"{metric.name} has no {what} ({metric.source.name})")


def default_conds(metric: Metric, filters: Filters) -> list[str]:
    conds = []
    for column, value in metric.filters:
        if column == "session_code" and filters.session_codes:
            continue  # the question's session replaces the metric's default
        if isinstance(value, bool):
            conds.append(f"f.{column} = {lit(value)}")
        else:
            conds.append(one_of(f"f.{column}", value))
    return conds


def event_cond(metric: Metric, column: str, values: tuple[str, ...], renamed: bool = False) -> str:
    """The events at the place named. `renamed` (one season asked): a Grand Prix not held under
    that name that season is the event at a circuit (or in a town) it was held at ("the 2024
    Brazilian GP": the São Paulo GP at Interlagos; "Barcelona 2024": the Spanish GP)."""
    need(metric, "event_id", "event")
    named = one_of(f"x.{column}", values)
    if not renamed or column != "event_name":
        return f"f.event_id in (select x.event_id from gold.dim_events as x where {named})"
    held = f"(select x.circuit_ref from gold.dim_events as x where {named})"
    town = f"(select x.location from gold.dim_events as x where {named})"  # no circuit known yet
    seasons = f"(select x.season from gold.dim_events as x where {named})"
    return (
        "f.event_id in (select e.event_id from gold.dim_events as e where "
        f"e.event_id in (select x.event_id from gold.dim_events as x where {named}) or "
        f"((e.circuit_ref in {held} or e.location in {town}) and e.season not in {seasons}))"
    )


def through_event(metric: Metric, column: str, values: tuple[str, ...]) -> str:
    """The season of the event named, up to and including its round ("after the 2022
    Australian GP")."""
    need(metric, "round", "round")
    return (
        "exists (select 1 from gold.dim_events as e where "
        f"{one_of('e.' + column, values)} and e.season = f.season and f.round <= e.round)"
    )


def nationality_cond(metric: Metric, values: tuple[str, ...]) -> str:
    """The driver's nationality, else (a source without drivers) the constructor's."""
    if "driver_ref" in metric.source.keys:
        table, key = "gold.dim_drivers", "driver_ref"
    else:
        need(metric, "constructor_ref", "nationality")
        table, key = "gold.dim_constructors", "constructor_ref"
    return f"f.{key} in (select {key} from {table} where {one_of('nationality', values)})"


def role_cond(metric: Metric, role: str) -> str:
    """A driver known by his result: the race's winner or pole sitter (from that race's
    results), or the season's champion (a team: the constructors' champion)."""
    if role in ("champion", "constructor_champion"):
        key = "constructor_ref" if role == "constructor_champion" else "driver_ref"
        need(metric, "season", role)
        need(metric, key, role)
        return (
            "exists (select 1 from gold.season_champions as c where c.season = f.season and "
            f"c.{key} = f.{key})"
        )
    need(metric, "event_id", role)
    need(metric, "driver_ref", role)
    return (
        "exists (select 1 from gold.fct_results as r where r.event_id = f.event_id and "
        f"r.driver_ref = f.driver_ref and r.session_code = '{RACE}' and r.{ROLES[role]})"
    )


def filter_conds(metric: Metric, filters: Filters) -> list[str]:
    conds = default_conds(metric, filters)
    by_key: tuple[tuple[str, tuple[str, ...], str], ...] = (
        ("driver_ref", filters.drivers, "driver"),
        ("constructor_ref", filters.constructors, "constructor"),
        ("event_id", () if filters.cumulative else filters.events, "event"),
        ("session_code", filters.session_codes, "session"),
    )
    pairwise = "rival_ref" in metric.source.keys
    for key, values, what in by_key:
        if values and pairwise and key == "driver_ref" and len(values) == 1:
            continue  # one driver against team-mates: both sides of each pair (below)
        if values:
            need(metric, key, what)
            conds.append(one_of(f"f.{key}", values))
    places = (
        ("event_id", filters.events),
        ("event_name", filters.event_names),
        ("circuit_ref", filters.circuits),
        ("country", filters.countries),
    )
    for column, values in places:
        if values and filters.cumulative:
            conds.append(through_event(metric, column, values))
        elif values and column != "event_id":
            one_season = filters.seasons is not None and filters.seasons[0] == filters.seasons[1]
            conds.append(event_cond(metric, column, values, renamed=one_season))
    if filters.nationalities:
        conds.append(nationality_cond(metric, filters.nationalities))
    for role in filters.roles:
        conds.append(role_cond(metric, role))
    if filters.statuses:
        need(metric, "status", "status")
        conds.append(one_of("f.status", filters.statuses))
    if pairwise:  # head-to-head: the named against each other, else against team-mates
        rivals = filters.drivers if len(filters.drivers) > 1 else ()
        conds.append(one_of("f.rival_ref", rivals) if rivals else "f.is_teammate")
        if len(filters.drivers) == 1:
            one = lit(filters.drivers[0])
            conds.append(f"(f.driver_ref = {one} or f.rival_ref = {one})")
    if filters.rounds:
        need(metric, "round", "round")
        last = "(select max(x.round) from gold.fct_results as x where x.season = f.season)"
        rounds = tuple(r for r in filters.rounds if r)
        if filters.cumulative:  # the season up to that round ("after round 5")
            conds.append(f"f.round <= {max(rounds)}" if rounds else f"f.round <= {last}")
        else:
            conds.append(one_of("f.round", rounds) if rounds else f"f.round = {last}")
    if filters.seasons is not None:
        lo, hi = filters.seasons
        conds.append(f"f.season = {lo}" if lo == hi else f"f.season between {lo} and {hi}")
    return conds
