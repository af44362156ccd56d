"""Queries over the history marts (Ergast, 1950-): champions, career totals and rankings,
circuit records. Used only when the warehouse serves those marts (Dimensions.tables)."""

from __future__ import annotations

from ai.library.builder import Cond, Plan, Query, Scope
from ai.library.intents import Intent

CAREER_METRICS = {
    "wins": "wins",
    "podiums": "podiums",
    "poles": "poles",
    "points": "points",
    "races": "starts",
    "championships": "championships",
    "fastest_laps": "fastest_laps",
}
HISTORY_TABLES = frozenset({"season_champions", "driver_career", "constructor_career"})


def champions(i: Intent, s: Scope, constructors: bool) -> Query:
    if constructors:
        cols: tuple[str, ...] = (
            "c.season",
            "c.constructor_name",
            "c.constructor_points",
            "c.constructor_wins",
            "c.is_season_complete",
        )
        where = (*s.season_conds("c.season"), Cond("c.constructor_name", "is not null"))
        return Query("gold.season_champions c", cols, where, order_by=("c.season",))
    cols = (
        "c.season",
        "d.driver_code",
        "c.driver_name",
        "c.driver_points",
        "c.driver_wins",
        "c.constructor_name",
        "c.is_season_complete",
    )
    return Query(
        "gold.season_champions c",
        cols,
        s.season_conds("c.season"),
        joins=("left join gold.dim_drivers d on d.driver_ref = c.driver_ref",),
        order_by=("c.season",),
    )


def career(i: Intent, s: Scope) -> Query:
    if s.teams and not s.driver_refs:
        return Query(
            "gold.constructor_career",
            (
                "constructor_name",
                "starts",
                "wins",
                "podiums",
                "poles",
                "points",
                "championships",
                "first_season",
                "last_season",
            ),
            (Cond("constructor_name", "in", s.teams),),
        )
    return Query(
        "gold.driver_career",
        (
            "driver_name",
            "driver_code",
            "starts",
            "wins",
            "podiums",
            "poles",
            "fastest_laps",
            "points",
            "championships",
            "first_season",
            "last_season",
        ),
        (Cond("driver_ref", "in", s.driver_refs),),
        order_by=("driver_name",),
    )


def career_ranking(i: Intent, s: Scope) -> Query:
    column = CAREER_METRICS.get(i.metric or "wins", "wins")
    if i.measure == "team":
        return Query(
            "gold.constructor_career",
            ("constructor_name", column),
            order_by=(f"{column} desc", "constructor_name"),
            limit=25,
        )
    return Query(
        "gold.driver_career",
        ("driver_name", "driver_code", column),
        order_by=(f"{column} desc", "driver_name"),
        limit=25,
    )


def circuit_records(i: Intent, s: Scope) -> Query:
    circuit = Query(
        "gold.dim_events",
        ("circuit_ref",),
        (Cond("event_id", "in", s.event_ids), Cond("circuit_ref", "is not null")),
        order_by=("season desc",),
        limit=1,
    )
    return Query(
        "gold.circuit_history",
        (
            "circuit_name",
            "locality",
            "races_held",
            "most_wins_driver_name",
            "most_wins_driver_count",
            "most_wins_constructor_name",
            "most_wins_constructor_count",
            "first_season",
            "last_season",
        ),
        (Cond("circuit_ref", "in", sub=circuit),),
    )


def history_plan(intent: Intent, scope: Scope, tables: frozenset[str]) -> Plan | None:
    """The history reading of an intent, when the marts are served and it fits."""
    if not tables >= HISTORY_TABLES:
        return None
    span = (
        "all seasons" if scope.seasons is None else "–".join(dict.fromkeys(map(str, scope.seasons)))
    )
    if intent.name == "champion":
        constructors = intent.measure == "team"
        return Plan("champions", f"Champions — {span}", champions(intent, scope, constructors))
    if intent.name == "team_points" and intent.measure == "title":
        return Plan(
            "champions", f"Constructors' champions — {span}", champions(intent, scope, True)
        )
    if scope.seasons is not None:
        return None
    if intent.name in ("count", "career") and (scope.driver_refs or scope.teams):
        return Plan("career", "Career totals", career(intent, scope))
    if intent.name == "ranking":
        return Plan("career_ranking", f"All-time {intent.metric}", career_ranking(intent, scope))
    if intent.name == "circuit_records" and scope.event_ids and "circuit_history" in tables:
        return Plan("circuit_records", "Circuit records", circuit_records(intent, scope))
    return None
