"""Queries about a season, a span of seasons or a career, composed with the typed builder."""

from __future__ import annotations

from collections.abc import Callable

from ai.library.builder import Cond, Plan, Query, Scope
from ai.library.intents import Intent
from ai.library.lap_plans import rainy, weather_ranking
from f1lake.sessions import RACE, RACE_LIKE

RESULTS = "gold.fct_results"
# the F1 rules are gold.fct_results' own columns (is_winner, is_pole, is_dnf, is_start)
METRIC_SQL = {
    "wins": ("count(distinct event_id) filter (where is_winner)", (RACE,)),
    "podiums": ("count(*) filter (where is_podium)", (RACE,)),
    "poles": ("count(distinct event_id) filter (where is_pole)", (RACE,)),
    "points": ("sum(coalesce(points, 0))", RACE_LIKE),
    "dnfs": ("count(distinct event_id) filter (where is_dnf)", (RACE,)),
    "races": ("count(distinct event_id) filter (where is_start)", (RACE,)),
}
# a driver is one driver_ref (codes repeat across eras and are missing before the 2000s)
DRIVER_KEY = ("any_value(driver_code) as driver_code", "any_value(driver_full_name) as driver_name")

LAST_ROUND = (
    "s.round = (select max(x.round) from gold.fct_driver_standings x where x.season = s.season)"
)


def champion(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_driver_standings s",
        ("s.season", "d.driver_code", "d.driver_full_name", "s.points"),
        (
            *s.season_conds("s.season"),
            Cond(LAST_ROUND, "true"),
            Cond("s.position", "=", 1),
        ),
        joins=("join gold.dim_drivers d using (driver_ref)",),
        order_by=("s.season",),
    )


def standings(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_driver_standings s",
        ("s.season", "s.position", "d.driver_code", "d.driver_full_name", "s.points"),
        (*s.season_conds("s.season"), Cond(LAST_ROUND, "true"), *s.driver_cond("d.driver_code")),
        joins=("join gold.dim_drivers d using (driver_ref)",),
        order_by=("s.season", "s.position", "s.driver_ref"),
    )


def winners(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_results r",
        ("e.round", "e.event_name", "r.driver_code", "r.driver_full_name", "r.team_name"),
        (
            *s.season_conds("r.season"),
            Cond("r.session_code", "=", RACE),
            Cond("r.finish_position", "=", 1),
            *s.driver_cond("r.driver_code"),
            *s.team_cond("r.team_name"),
        ),
        joins=("join gold.dim_events e using (event_id)",),
        order_by=("e.season", "e.round"),
    )


def count(i: Intent, s: Scope) -> Query:
    expr, codes = METRIC_SQL[i.metric or "wins"]
    name = i.metric or "wins"
    by_team = bool(s.teams and not s.drivers)
    key = "team_name" if by_team else "driver_ref"
    return Query(
        RESULTS,
        (*(("team_name",) if by_team else DRIVER_KEY), f"{expr} as {name}", "count(*) as sessions"),
        (*s.season_conds(), Cond("session_code", "in", codes), *s.driver_cond(), *s.team_cond()),
        group_by=(key,),
        order_by=(f"{name} desc", key),
    )


def ranking(i: Intent, s: Scope) -> Query:
    expr, codes = METRIC_SQL[i.metric or "wins"]
    name = i.metric or "wins"
    by_team = i.measure == "team"
    key = "team_name" if by_team else "driver_ref"
    return Query(
        RESULTS,
        (*(("team_name",) if by_team else DRIVER_KEY), f"{expr} as {name}"),
        (*s.season_conds(), Cond("session_code", "in", codes), *s.team_cond()),
        group_by=(key,),
        order_by=(f"{name} desc", key),
        limit=25,
    )


def team_points(i: Intent, s: Scope) -> Query:
    return Query(
        RESULTS,
        ("team_name", "sum(coalesce(points, 0)) as points"),
        (*s.season_conds(), Cond("session_code", "in", RACE_LIKE), *s.team_cond()),
        group_by=("team_name",),
        order_by=("points desc", "team_name"),
    )


# the team-mate by name ("who was Hamilton's team-mate"): codes repeat across eras, so the name is
# the one that code raced under that season
TEAMMATE_NAME = (
    "(select max(r.driver_full_name) from gold.fct_results as r where r.season = h.season "
    "and r.driver_code = h.teammate_driver_code) as teammate_name"
)


def teammate_h2h(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.teammate_head_to_head as h",
        (
            "season",
            "team_name",
            "comparison",
            "driver_code",
            "teammate_driver_code",
            TEAMMATE_NAME,
            "sessions_compared",
            "driver_ahead_count",
            "teammate_ahead_count",
        ),
        (*s.season_conds(), Cond("driver_code", "=", s.drivers[0])),
        order_by=("season", "comparison"),
    )


def head_to_head(i: Intent, s: Scope) -> Query:
    d1, d2 = s.drivers[:2]
    return Query(
        "gold.fct_results a",
        (
            "a.driver_code",
            "b.driver_code as rival_driver_code",
            "count(*) as races_compared",
            "count(*) filter (where a.finish_position < b.finish_position) as races_ahead",
            "count(*) filter (where b.finish_position < a.finish_position) as rival_races_ahead",
        ),
        (
            Cond("a.session_code", "=", RACE),
            *s.season_conds("a.season"),
            Cond("a.driver_code", "=", d1),
            Cond("b.driver_code", "=", d2),
        ),
        joins=("join gold.fct_results b on a.session_id = b.session_id",),
        group_by=("a.driver_code", "b.driver_code"),
    )


def calendar(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.dim_events",
        ("season", "round", "event_name", "country", "location", "event_date"),
        s.season_conds(),
        order_by=("season", "round"),
    )


def season_gained(i: Intent, s: Scope) -> Query:
    return Query(
        RESULTS,
        ("driver_code", "sum(positions_gained) as positions_gained", "count(*) as races"),
        (*s.season_conds(), Cond("session_code", "=", RACE)),
        group_by=("driver_code",),
        order_by=("positions_gained desc", "driver_code"),
    )


def team_drivers(i: Intent, s: Scope) -> Query:
    return Query(
        RESULTS,
        ("driver_code", "driver_full_name", "team_name", "count(*) as sessions"),
        (*s.season_conds(), *s.team_cond()),
        group_by=("driver_code", "driver_full_name", "team_name"),
        order_by=("sessions desc", "driver_code"),
    )


def availability(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.dim_sessions",
        (
            "session_id",
            "event_name",
            "session_name",
            "has_laps",
            "has_results",
            "has_weather",
            "has_race_control",
        ),
        s.season_conds(),
        order_by=("session_id",),
    )


def driver_season(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_results r",
        (
            "r.season",
            "r.round",
            "e.event_name",
            "r.grid_position",
            "r.finish_position",
            "r.status",
            "r.points",
        ),
        (
            *s.season_conds("r.season"),
            Cond("r.session_code", "=", RACE),
            *s.driver_cond("r.driver_code"),
        ),
        joins=("join gold.dim_events e using (event_id)",),
        order_by=("r.season", "r.round"),
    )


def progression(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_driver_standings s",
        (
            "s.round",
            "e.event_name",
            "s.driver_code",
            "s.points_in_round",
            "s.points",
            "s.position",
        ),
        (*s.season_conds("s.season"), *s.driver_cond("s.driver_code")),
        joins=("join gold.dim_events e using (event_id)",),
        order_by=("s.round",),
    )


def driver_info(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.dim_drivers",
        (
            "driver_code",
            "driver_full_name",
            "latest_driver_number",
            "latest_team_name",
            "driver_country_code",
            "first_season",
            "last_season",
        ),
        s.driver_cond(),
    )


SEASON_PLANS: dict[str, tuple[str, Callable[[Intent, Scope], Query]]] = {
    "champion": ("Champion", champion),
    "standings": ("Standings", standings),
    "season_winners": ("Race winners", winners),
    "count": ("Count", count),
    "ranking": ("Ranking", ranking),
    "team_points": ("Team points", team_points),
    "teammate_h2h": ("Team-mate head-to-head", teammate_h2h),
    "head_to_head": ("Head-to-head", head_to_head),
    "rainy_sessions": ("Sessions with rain", rainy),
    "weather_ranking": ("Weather", weather_ranking),
    "calendar": ("Calendar", calendar),
    "season_positions_gained": ("Positions gained", season_gained),
    "team_drivers": ("Drivers", team_drivers),
    "data_availability": ("Sessions", availability),
    "driver_season_results": ("Race results", driver_season),
    "points_progression": ("Points by round", progression),
    "driver_info": ("Driver", driver_info),
}
NEEDS_DRIVER = {"teammate_h2h", "driver_season_results", "points_progression", "driver_info"}


def season_plan(intent: Intent, scope: Scope) -> Plan | None:
    entry = SEASON_PLANS.get(intent.name)
    if entry is None or (intent.name in NEEDS_DRIVER and not scope.drivers):
        return None
    if intent.name == "head_to_head" and len(scope.drivers) < 2:
        return None
    label, build = entry
    if scope.seasons is None:
        span = "all seasons"
    else:
        lo, hi = scope.seasons
        span = str(lo) if lo == hi else f"{lo}–{hi}"
    return Plan(intent.name, f"{label} — {span}", build(intent, scope))
