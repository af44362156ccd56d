"""The project's own question set for the copilot: questions the way fans ask them, over every
intent and entity form the parser knows (circuit and common names, countries, demonyms, codes,
first names, typos, ordinals, "P5", relative seasons), each with a function that computes the
right answer from Fast-F1 (`f`) or the Ergast CSVs (`e`), never from the warehouse.

Answer kinds: "row" = every expected value is in the first result row; "column" = a result
column equals the expected list (in order); "set" = a column holds exactly the expected values;
"rows" = the number of rows; "clarify" = a clarifying answer naming every candidate.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TODAY_SEASON = 2026  # "this season"; "last year" = 2025 (the evaluation date's season)


@dataclass(frozen=True)
class Item:
    question: str
    intent: str
    source: str  # fastf1 | ergast
    kind: str
    truth: Callable[[Any, Any], Any]  # (FastF1Truth, ErgastTruth) -> expected


EVENTS_2024: dict[int, tuple[str, ...]] = {
    1: ("Bahrain", "Sakhir", "the Bahrain GP"),
    2: ("Jeddah", "Saudi Arabia", "the Saudi GP"),
    3: ("Melbourne", "Albert Park", "the Australian Grand Prix"),
    4: ("Suzuka", "Japan"),
    5: ("Shanghai", "the Chinese GP"),
    6: ("Miami",),
    7: ("Imola", "the Emilia Romagna GP"),
    8: ("Monaco", "Monte Carlo"),
    9: ("Canada", "Montreal", "the Canadian GP"),
    10: ("Barcelona", "the Spanish Grand Prix", "Spain"),
    11: ("the Red Bull Ring", "Austria"),
    12: ("Silverstone", "the British GP"),
    13: ("the Hungaroring", "Hungary", "Budapest"),
    14: ("Spa", "Belgium", "the Belgian GP"),
    15: ("Zandvoort", "the Dutch GP"),
    16: ("Monza", "the Italian GP"),
    17: ("Baku", "Azerbaijan"),
    18: ("Singapore", "Marina Bay"),
    19: ("COTA", "Austin", "the US GP"),
    20: ("Mexico City", "the Mexican GP"),
    21: ("Interlagos", "Brazil", "São Paulo"),
    22: ("Vegas", "Las Vegas"),
    23: ("Qatar", "Lusail"),
    24: ("Abu Dhabi", "Yas Marina"),
}
DRIVERS: dict[str, tuple[str, ...]] = {
    "VER": ("Verstappen", "Max Verstappen", "VER", "Verstapen"),
    "HAM": ("Hamilton", "Lewis Hamilton", "HAM", "Hamiltn"),
    "LEC": ("Leclerc", "Charles Leclerc", "Charles", "leclerc"),
    "NOR": ("Norris", "Lando", "Lando Norris", "NOR"),
    "PIA": ("Piastri", "Oscar Piastri"),
    "SAI": ("Sainz", "Carlos Sainz", "Carlos"),
    "RUS": ("Russell", "George Russell", "Russel"),
    "PER": ("Perez", "Checo", "Sergio Pérez"),
    "ALO": ("Alonso", "Fernando Alonso"),
    "HUL": ("Hülkenberg", "Hulkenberg"),
    "STR": ("Stroll", "Lance Stroll"),
    "TSU": ("Tsunoda", "Yuki"),
    "ALB": ("Albon", "Alex Albon"),
    "GAS": ("Gasly", "Pierre Gasly"),
    "MAG": ("Magnussen", "KMag"),
    "OCO": ("Ocon", "Esteban Ocon"),
    "BOT": ("Bottas",),
    "RIC": ("Ricciardo", "Daniel Ricciardo"),
    "SAR": ("Sargeant", "Logan Sargeant"),
    "ZHO": ("Zhou", "Guanyu Zhou"),
}
ORD = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
}
_turn = itertools.count()


def pick(options: tuple[str, ...]) -> str:
    """Cycle deterministically through the forms of an entity."""
    return options[next(_turn) % len(options)]


def ev(round_: int) -> str:
    return pick(EVENTS_2024[round_])


def dr(code: str) -> str:
    return pick(DRIVERS.get(code, (code,)))


def position_words(n: int) -> str:
    return pick(
        (ORD[n], f"P{n}", f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'}")
    )


def items_2024_races() -> list[Item]:
    out: list[Item] = []
    won = (
        "Who won at {e} in 2024?",
        "who won {e} 2024",
        "Winner of {e} 2024?",
        "Which driver took the win in {e} in 2024?",
        "2024 {e}: who won the race?",
    )
    for r in (1, 3, 5, 8, 9, 12, 14, 15, 16, 19, 21, 22, 23, 24):
        q = pick(won).format(e=ev(r))
        out.append(Item(q, "winner", "fastf1", "row", lambda f, e, r=r: [f.at(2024, r, "R", 1)]))
    pos = (
        "Who finished {p} in {e} 2024?",
        "Who was {p} at {e} in 2024?",
        "2024 {e} - who came {p}?",
        "Which driver placed {p} at {e} 2024?",
        "who ended up {p} in the race at {e} in 2024",
    )
    for r, n in (
        (1, 4),
        (2, 5),
        (4, 2),
        (6, 3),
        (7, 6),
        (10, 7),
        (11, 4),
        (13, 5),
        (17, 8),
        (18, 2),
        (20, 9),
        (22, 10),
        (23, 3),
        (24, 6),
    ):
        q = pick(pos).format(p=position_words(n), e=ev(r))
        out.append(
            Item(q, "position", "fastf1", "row", lambda f, e, r=r, n=n: [f.at(2024, r, "R", n)])
        )
    pod = (
        "What was the podium at {e} 2024?",
        "podium {e} 2024",
        "Who was on the podium in {e} in 2024?",
        "Top three at {e} 2024?",
        "who finished on the podium at {e} 2024",
    )
    for r in (2, 4, 6, 7, 10, 11, 13, 17, 18, 20):
        q = pick(pod).format(e=ev(r))
        out.append(Item(q, "podium", "fastf1", "column", lambda f, e, r=r: f.top(2024, r, "R", 3)))
    for r, n in ((1, 5), (8, 10), (12, 5), (15, 6), (19, 10), (21, 8)):
        q = pick(
            (
                "Top {n} at {e} 2024",
                "Who were the top {n} finishers in {e} 2024?",
                "top {n} of {e} 2024 race",
            )
        )
        out.append(
            Item(
                q.format(n=n, e=ev(r)),
                "top_n",
                "fastf1",
                "column",
                lambda f, e, r=r, n=n: f.top(2024, r, "R", n),
            )
        )
    for r in (3, 8, 12, 14, 16, 21):
        q = pick(
            (
                "Who started on pole at {e} 2024?",
                "Who started first on the grid in {e} 2024?",
                "Which driver started from pole in the 2024 race at {e}?",
            )
        )
        out.append(
            Item(q.format(e=ev(r)), "grid", "fastf1", "row", lambda f, e, r=r: [f.grid(2024, r, 1)])
        )
    res = (
        "Where did {d} finish at {e} 2024?",
        "What position did {d} finish in {e} 2024?",
        "How did {d} do in the race at {e} in 2024?",
        "{d} result {e} 2024",
    )
    for r, d in (
        (1, "HAM"),
        (3, "PIA"),
        (5, "ALO"),
        (9, "RUS"),
        (12, "NOR"),
        (14, "LEC"),
        (16, "SAI"),
        (19, "PER"),
        (21, "VER"),
        (24, "HUL"),
    ):
        q = pick(res).format(d=dr(d), e=ev(r))
        out.append(
            Item(
                q,
                "driver_result",
                "fastf1",
                "row",
                lambda f, e, r=r, d=d: [d, int(f.row(2024, r, "R", d)["Position"])],
            )
        )
    pts = (
        "How many points did {d} score in the race at {e} 2024?",
        "{d} race points {e} 2024",
        "How many points did {d} take in the {e} race in 2024?",
    )
    for r, d in ((2, "LEC"), (8, "PIA"), (13, "HAM"), (17, "SAI"), (20, "NOR"), (23, "RUS")):
        q = pick(pts).format(d=dr(d), e=ev(r))
        out.append(
            Item(
                q,
                "points",
                "fastf1",
                "row",
                lambda f, e, r=r, d=d: [float(f.row(2024, r, "R", d)["Points"])],
            )
        )
    laps = (
        "How many laps did {d} complete at {e} 2024?",
        "laps completed by {d} in {e} 2024",
        "How many laps did {d} do in the {e} race in 2024?",
    )
    for r, d in ((3, "HAM"), (3, "VER"), (6, "SAR"), (9, "SAI"), (14, "OCO"), (22, "ALB")):
        q = pick(laps).format(d=dr(d), e=ev(r))
        out.append(
            Item(
                q,
                "laps_completed",
                "fastf1",
                "row",
                lambda f, e, r=r, d=d: [int(f.row(2024, r, "R", d)["Laps"])],
            )
        )
    ahead = (
        "Did {a} beat {b} at {e} 2024?",
        "Who finished ahead at {e} 2024, {a} or {b}?",
        "{a} vs {b} at {e} 2024: who was in front?",
        "Was {a} ahead of {b} in {e} 2024?",
    )
    for r, a, b in (
        (9, "RUS", "HAM"),
        (4, "NOR", "PIA"),
        (10, "LEC", "SAI"),
        (15, "VER", "PER"),
        (12, "ALO", "STR"),
        (18, "TSU", "RIC"),
        (20, "GAS", "OCO"),
        (24, "ALB", "MAG"),
    ):
        q = pick(ahead).format(a=dr(a), b=dr(b), e=ev(r))
        out.append(
            Item(
                q,
                "ahead",
                "fastf1",
                "row",
                lambda f, e, r=r, a=a, b=b: [f.ahead(2024, r, "R", a, b)],
            )
        )
    for r, d in ((13, "NOR"), (5, "HAM"), (17, "LEC"), (21, "GAS")):
        q = pick(
            (
                "Did {d} beat his teammate at {e} 2024?",
                "{d} vs team-mate at {e} 2024: who finished ahead?",
            )
        )
        out.append(
            Item(
                q.format(d=dr(d), e=ev(r)),
                "beat_teammate",
                "fastf1",
                "row",
                lambda f, e, r=r, d=d: [f.teammate_ahead(2024, r, "R", d)],
            )
        )
    for r in (3, 17, 21, 9):
        q = pick(
            (
                "Who retired from {e} 2024?",
                "Which drivers did not finish at {e} 2024?",
                "DNFs at {e} 2024",
            )
        )
        out.append(
            Item(
                q.format(e=ev(r)),
                "retirements",
                "fastf1",
                "set",
                lambda f, e, r=r: f.retired(2024, r),
            )
        )
    return out
