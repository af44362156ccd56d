"""The evaluation set, part three: seasons and careers (Ergast), team points, season weather
rankings, relative seasons ("last year", "this season") and ambiguous questions."""

from __future__ import annotations

from benchmarks.copilot_eval_more import lap_items, weather_items
from benchmarks.copilot_eval_set import DRIVERS, Item, dr, ev, items_2024_races, pick


def season_items() -> list[Item]:
    out: list[Item] = []
    for q in (
        "Who won the 2024 championship?",
        "2024 world champion?",
        "Who was the drivers' champion in 2024?",
    ):
        out.append(Item(q, "champion", "ergast", "row", lambda f, e: [e.champion(2024)]))
    for r in (1, 2, 3, 4):
        q = pick(
            (
                "Who led the championship after round {r} in 2024?",
                "Standings after round {r} 2024",
                "championship leader after {e} 2024",
            )
        )
        out.append(
            Item(
                q.format(r=r, e=ev(r)),
                "standings_after_round",
                "ergast",
                "row",
                lambda f, e, r=r: e.leader_after(2024, r),
            )
        )
    count = (
        "How many races did {d} win in 2024?",
        "How many wins did {d} get in 2024?",
        "number of podiums for {d} in 2024",
        "How many podiums did {d} score in 2024?",
    )
    for i, d in enumerate(("VER", "NOR", "LEC", "PIA", "HAM", "SAI", "RUS", "PER")):
        q = count[i % 4].format(d=dr(d))
        metric = "wins" if i % 4 < 2 else "podiums"
        out.append(
            Item(
                q,
                f"count_{metric}",
                "ergast",
                "row",
                lambda f, e, d=d, m=metric: [e.count(2024, d, m)],
            )
        )
    for q, m in (
        ("Who had the most wins in 2024?", "wins"),
        ("Which driver scored the most podiums in 2024?", "podiums"),
        ("most race wins 2024", "wins"),
        ("Who got the most podium finishes in 2024?", "podiums"),
    ):
        out.append(Item(q, "ranking", "ergast", "row", lambda f, e, m=m: e.most(2024, m)))
    for q in ("Who won each race in 2024?", "List the 2024 race winners"):
        out.append(Item(q, "season_winners", "ergast", "column", lambda f, e: e.winners(2024)))
    for q, t in (
        ("Who drove for Ferrari in 2024?", "Ferrari"),
        ("Alfa Romeo drivers in 2024", "Sauber"),
        ("Who raced for Racing Point in 2024?", "Aston Martin"),
        ("McLaren line-up 2024", "McLaren"),
        ("Toro Rosso drivers 2024", "RB F1 Team"),
    ):
        out.append(
            Item(q, "team_drivers", "ergast", "set", lambda f, e, t=t: e.team_drivers(2024, t))
        )
    for q, a, b in (
        ("Norris vs Piastri in 2024: how many races did Norris finish ahead?", "NOR", "PIA"),
        ("How often did Leclerc beat Sainz in 2024 races?", "LEC", "SAI"),
    ):
        out.append(
            Item(
                q,
                "head_to_head",
                "ergast",
                "row",
                lambda f, e, a=a, b=b: [e.head_to_head(2024, a, b)],
            )
        )
    for q in ("How many races were on the 2024 calendar?", "What is the 2024 calendar?"):
        out.append(Item(q, "calendar", "ergast", "rows", lambda f, e: e.rounds(2024)))
    relative = (
        ("Who won the British GP last year?", 2025, 12),
        ("Who won in Melbourne last season?", 2025, 1),
        ("Who won the Chinese Grand Prix this season?", 2026, 2),
        ("Podium in Bahrain last year", 2025, 4),
    )
    for q, y, r in relative:
        kind = "column" if "odium" in q else "row"
        out.append(
            Item(
                q,
                "relative_season",
                "ergast",
                kind,
                lambda f, e, y=y, r=r, k=kind: e.top(y, r, 3 if k == "column" else 1),
            )
        )
    return out


def extra_items() -> list[Item]:
    out: list[Item] = []
    team = (
        "How many points did {t} score at {e} 2024?",
        "{t} points {e} 2024",
        "Points for {t} in the 2024 race at {e}",
    )
    for r, t, name in (
        (16, "Ferrari", "Ferrari"),
        (12, "Mercedes", "Mercedes"),
        (15, "McLaren", "McLaren"),
        (3, "Red Bull", "Red Bull Racing"),
        (21, "Alpine", "Alpine"),
        (9, "Aston Martin", "Aston Martin"),
    ):
        q = pick(team).format(t=t, e=ev(r))
        out.append(
            Item(
                q,
                "team_points",
                "fastf1",
                "row",
                lambda f, e, r=r, n=name: [f.team_points(2024, r, "R", n)],
            )
        )
    for q, m, a in (
        ("Which 2024 race had the hottest track temperature?", "track_temp", "max"),
        ("Coldest race of 2024 by air temperature?", "air_temp", "min"),
        ("Which race in 2024 had the lowest track temperature?", "track_temp", "min"),
    ):
        out.append(
            Item(
                q,
                "weather_ranking",
                "fastf1",
                "row",
                lambda f, e, m=m, a=a: [f.extreme_race(2024, range(1, 25), m, a)],
            )
        )
    for q, y, r, c in (
        ("Who won the sprint in Baku 2023?", 2023, 4, "S"),
        ("Miami sprint 2025 winner?", 2025, 6, "S"),
        ("Who won the 2024 Japanese Grand Prix?", 2024, 4, "R"),
        ("Who won the Saudi Arabian GP in 2024?", 2024, 2, "R"),
        ("winner of the 2024 Hungarian Grand Prix", 2024, 13, "R"),
        ("Who was victorious at the 2024 Singapore GP?", 2024, 18, "R"),
        ("who took the chequered flag first in Abu Dhabi 2024", 2024, 24, "R"),
    ):
        out.append(
            Item(q, "winner", "fastf1", "row", lambda f, e, y=y, r=r, c=c: [f.at(y, r, c, 1)])
        )
    return out


def clarify_items() -> list[Item]:
    return [
        Item(
            "Who won in Italy in 2024?",
            "clarify",
            "ergast",
            "clarify",
            lambda f, e: e.circuits_in(2024, "Italy"),
        ),
        Item(
            "Italy 2020 winner",
            "clarify",
            "ergast",
            "clarify",
            lambda f, e: e.circuits_in(2020, "Italy"),
        ),
        Item(
            "podium in italy 2021",
            "clarify",
            "ergast",
            "clarify",
            lambda f, e: e.circuits_in(2021, "Italy"),
        ),
        Item(
            "Who won in the USA in 2023?",
            "clarify",
            "ergast",
            "clarify",
            lambda f, e: e.circuits_in(2023, "USA"),
        ),
    ]


def all_items() -> list[Item]:
    assert DRIVERS
    return [
        *items_2024_races(),
        *lap_items(),
        *weather_items(),
        *season_items(),
        *extra_items(),
        *clarify_items(),
    ]
