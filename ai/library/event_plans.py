"""Queries about one event or session, composed from an intent's slots with the typed builder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ai.library.builder import Cond, Plan, Query, Scope
from ai.library.intents import Intent
from ai.library.lap_plans import (
    degradation,
    laps,
    pit_stops,
    practice_rank,
    race_control,
    sectors,
    session,
    stints,
    top_speed,
    weather,
)
from f1lake.sessions import QUALIFYING_LIKE, RACE, RACE_LIKE

RESULTS = "gold.fct_results"
RESULT_COLS = ("finish_position", "driver_code", "driver_full_name", "team_name")
GAP_R = "case when finish_position = 1 then 0 else race_time_ms end"


def results(s: Scope, *where: Cond, cols: tuple[str, ...] = (), limit: int | None = None) -> Query:
    timed = ("best_qualifying_lap_ms", "q1_ms", "q2_ms", "q3_ms")
    extra = cols or (timed if s.session_code in QUALIFYING_LIKE else ("race_time_ms", "points"))
    return Query(
        RESULTS,
        (*RESULT_COLS, *extra),
        (*session(s), *where),
        order_by=("finish_position nulls last", "position_order nulls last", "driver_code"),
        limit=limit,
    )


def position(i: Intent, s: Scope) -> Query:
    if i.n == 0:  # last classified
        return Query(
            RESULTS,
            (*RESULT_COLS, "status"),
            (*session(s), Cond("finish_position", "is not null")),
            order_by=("finish_position desc",),
            limit=1,
        )
    return results(s, Cond("finish_position", "=", i.n or 1))


def top_n(i: Intent, s: Scope) -> Query:
    return results(s, Cond("finish_position", "<=", i.n or 3))


def grid(i: Intent, s: Scope) -> Query:
    if i.n == 0 and not s.drivers:  # started last
        return Query(
            RESULTS,
            ("grid_position", "driver_code", "driver_full_name", "team_name"),
            (*session(s), Cond("grid_position", ">", 0)),
            order_by=("grid_position desc",),
            limit=1,
        )
    where = s.driver_cond() or (Cond("grid_position", "=", i.n or 1),)
    return Query(
        RESULTS,
        ("grid_position", "driver_code", "driver_full_name", "team_name", "finish_position"),
        (*session(s), *where),
        order_by=("grid_position nulls last", "driver_code"),
    )


def driver_result(i: Intent, s: Scope) -> Query:
    return results(
        s,
        *s.driver_cond(),
        cols=("classified_position", "grid_position", "status", "points", "laps_completed"),
    )


def fastest(i: Intent, s: Scope) -> Query:
    cols = (
        "best_lap_rank",
        "driver_code",
        "team_name",
        "best_lap_ms as fastest_lap_ms",
        "laps",
        "avg_clean_lap_ms",
    )
    where = (*session(s), Cond("best_lap_ms", "is not null"), *s.driver_cond())
    return Query(
        "gold.driver_session_summary",
        cols,
        where,
        order_by=("best_lap_ms", "driver_code"),
        limit=None if s.drivers else (i.n or 1),
    )


def gap(i: Intent, s: Scope) -> Query:
    if i.measure == "margin":  # the winner's margin: the gap of P2
        s = replace(s, drivers=())
    if s.session_code in RACE_LIKE:
        table, value, cols = RESULTS, GAP_R, ("finish_position",)
        where: tuple[Cond, ...] = (Cond("finish_position", "is not null"),)
    elif s.session_code in QUALIFYING_LIKE:
        table, value, cols = RESULTS, "best_qualifying_lap_ms", ("finish_position",)
        where = (Cond("best_qualifying_lap_ms", "is not null"),)
    else:
        table, value, cols = "gold.driver_session_summary", "best_lap_ms", ("best_lap_rank",)
        where = (Cond("best_lap_ms", "is not null"),)
    if len(s.drivers) >= 2:
        return Query(
            table,
            (
                f"max({value}) - min({value}) as gap_ms",
                f"arg_min(driver_code, {value}) as ahead_driver_code",
                f"arg_max(driver_code, {value}) as behind_driver_code",
            ),
            (*session(s), *where, *s.driver_cond()),
        )
    leader = value if table != RESULTS or s.session_code not in RACE_LIKE else "0"
    base = Query(table, (f"min({value})",), (*session(s), *where))
    diff = f"{value} - ({base.sql()})" if leader != "0" else value
    if not s.drivers and s.session_code in RACE_LIKE:
        where = (*where, Cond("finish_position", "=", 2))
    return Query(
        table,
        (*cols, "driver_code", "team_name", f"{diff} as gap_ms"),
        (*session(s), *where, *s.driver_cond()),
        order_by=(value, "driver_code"),
    )


def points(i: Intent, s: Scope) -> Query:
    where = (Cond("event_id", "=", s.event_id or ""), Cond("session_code", "in", s.session_codes))
    if s.teams and not s.drivers:
        return Query(
            RESULTS,
            ("team_name", "sum(coalesce(points, 0)) as points"),
            (*where, *s.team_cond()),
            group_by=("team_name",),
            order_by=("points desc", "team_name"),
        )
    return Query(
        RESULTS,
        ("driver_code", "team_name", "sum(coalesce(points, 0)) as points"),
        (*where, *s.driver_cond()),
        group_by=("driver_code", "team_name"),
        order_by=("points desc", "driver_code"),
    )


def standings(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_driver_standings s",
        ("s.position", "s.driver_code", "s.driver_full_name", "s.points", "s.points_in_round"),
        (Cond("s.event_id", "=", s.event_id or ""), *s.driver_cond("s.driver_code")),
        order_by=("s.position", "s.driver_ref"),
    )


def laps_completed(i: Intent, s: Scope) -> Query:
    if s.session_code in RACE_LIKE:
        return Query(
            RESULTS,
            ("driver_code", "team_name", "laps_completed", "finish_position"),
            (*session(s), *s.driver_cond()),
            order_by=("laps_completed desc nulls last", "driver_code"),
        )
    return Query(
        "gold.driver_session_summary",
        ("driver_code", "team_name", "laps"),
        (*session(s), *s.driver_cond()),
        order_by=("laps desc", "driver_code"),
    )


def retirements(i: Intent, s: Scope) -> Query:
    return Query(
        RESULTS,
        ("driver_code", "team_name", "classified_position", "status", "laps_completed"),
        # did not finish, as gold.fct_results rules it (retired or not classified)
        (*session(s), Cond("is_dnf", "true")),
        order_by=("laps_completed desc", "driver_code"),
    )


def gained(i: Intent, s: Scope) -> Query:
    return Query(
        RESULTS,
        ("driver_code", "team_name", "grid_position", "finish_position", "positions_gained"),
        (*session(s), Cond("positions_gained", "is not null"), *s.driver_cond()),
        order_by=("positions_gained desc", "driver_code"),
    )


def ahead(i: Intent, s: Scope) -> Query:
    where = s.driver_cond() or s.team_cond()
    return results(s, *where, cols=("classified_position", "status", "points"))


def quali_times(i: Intent, s: Scope) -> Query:
    cols = ("q1_ms", "q2_ms", "q3_ms", "best_qualifying_lap_ms")
    return results(s, *s.driver_cond(), cols=cols)


def finishers(i: Intent, s: Scope) -> Query:
    cols = ("count(*) as finishers", "count(*) filter (where status = 'Finished') as finished")
    where = (Cond("is_classified", "true"),)
    return Query(RESULTS, cols, (*session(s), *where))


def teammate(i: Intent, s: Scope) -> Query:
    team = Query(RESULTS, ("team_name",), (*session(s), Cond("driver_code", "=", s.drivers[0])))
    return results(s, Cond("team_name", "in", sub=team), cols=("classified_position", "status"))


def team_event(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.team_event_summary",
        (
            "team_name",
            "drivers",
            "laps",
            "pit_stops",
            "best_lap_ms",
            "best_qualifying_lap_ms",
            "race_points",
            "sprint_points",
            "best_race_finish_position",
        ),
        (Cond("event_id", "=", s.event_id or ""), *s.team_cond()),
        order_by=("race_points desc nulls last", "team_name"),
    )


def full_results(i: Intent, s: Scope) -> Query:
    return results(
        s,
        cols=("classified_position", "grid_position", "status", "points", "best_qualifying_lap_ms"),
    )


EVENT_PLANS: dict[str, tuple[str, Callable[[Intent, Scope], Query]]] = {
    "position": ("Position", position),
    "podium": ("Podium", top_n),
    "top_n": ("Top", top_n),
    "pole": ("Pole position", position),
    "grid": ("Grid", grid),
    "driver_result": ("Result", driver_result),
    "session_results": ("Classification", full_results),
    "fastest_lap": ("Fastest lap", fastest),
    "gap": ("Gap", gap),
    "points": ("Points", points),
    "standings_after_round": ("Standings after", standings),
    "laps_completed": ("Laps completed", laps_completed),
    "pit_stops": ("Pit stops", pit_stops),
    "stints": ("Stints and compounds", stints),
    "degradation": ("Tyre degradation", degradation),
    "top_speed": ("Top speed", top_speed),
    "best_sectors": ("Best sectors", sectors),
    "race_control": ("Race control", race_control),
    "retirements": ("Retirements", retirements),
    "positions_gained": ("Positions gained", gained),
    "compare_lap_times": ("Lap times", laps),
    "driver_laps": ("Laps", laps),
    "weather": ("Weather", weather),
    "weather_measure": ("Weather", weather),
    "rain": ("Rain", weather),
    "ahead": ("Who finished ahead", ahead),
    "beat_teammate": ("Team-mates", teammate),
    "team_event": ("Teams", team_event),
    "quali_times": ("Qualifying times", quali_times),
    "finishers": ("Finishers", finishers),
}


def event_plan(intent: Intent, scope: Scope) -> Plan | None:
    entry = EVENT_PLANS.get(intent.name)
    if entry is None or (intent.name == "beat_teammate" and not scope.drivers):
        return None
    label, build = entry
    if scope.session_code.startswith("FP") and intent.name in ("position", "top_n", "podium"):
        build = practice_rank
    entry_id = intent.name
    if intent.name == "pole":
        intent = Intent("position", n=1)
    if entry_id == "position" and intent.n == 1:
        entry_id = "race_winner" if scope.session_code == RACE else "session_winner"
    if intent.name == "fastest_lap":
        entry_id = "driver_best_lap" if scope.drivers else "session_fastest_lap"
    title = f"{label} — {scope.event_name} {scope.season} ({scope.session_code})"
    return Plan(entry_id, title, build(intent, scope))
