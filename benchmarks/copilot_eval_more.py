"""More of the evaluation set: sessions with laps (fastest laps, gaps, sprints, pit stops,
tyres), weather, seasons and careers (Ergast), relative seasons and ambiguous questions."""

from __future__ import annotations

from benchmarks.copilot_eval_set import Item, dr, ev, pick

LAP_SESSIONS = (  # (season, round, code, forms of the event, forms of the session)
    (2019, 14, "Q", ("Monza", "the Italian GP"), ("qualifying", "quali")),
    (2021, 18, "Q", ("Mexico City", "the Mexican GP"), ("qualifying", "quali")),
    (2022, 2, "Q", ("Jeddah", "Saudi Arabia"), ("qualifying", "Q3")),
    (2023, 4, "Q", ("Baku", "Azerbaijan"), ("qualifying", "quali")),
    (2023, 4, "SS", ("Baku", "Azerbaijan"), ("sprint shootout", "SQ", "sprint qualifying")),
    (2023, 4, "S", ("Baku", "the Azerbaijan GP"), ("sprint", "sprint race")),
    (2024, 5, "SQ", ("Shanghai", "China"), ("sprint qualifying", "sprint shootout")),
    (2024, 10, "Q", ("Barcelona", "Spain"), ("qualifying", "quali")),
    (2024, 12, "FP1", ("Silverstone", "the British GP"), ("FP1", "first practice", "practice 1")),
    (2021, 14, "FP2", ("Monza", "Italy"), ("FP2", "second practice", "practice 2")),
    (2020, 3, "FP2", ("the Hungaroring", "Hungary"), ("second practice", "FP2")),
    (2022, 10, "FP1", ("Silverstone", "Britain"), ("first practice", "FP1")),
    (2025, 6, "S", ("Miami",), ("sprint",)),
)
QUALI = ((2019, 14), (2021, 18), (2022, 2), (2023, 4), (2024, 10))


def lap_items() -> list[Item]:
    out: list[Item] = []
    fast = (
        "Who set the fastest lap in {s} at {e} {y}?",
        "fastest lap {e} {y} {s}",
        "Best time in {s} at {e} {y}?",
        "Who was quickest in {s} at {e} in {y}?",
    )
    for y, r, c, evs, ss in LAP_SESSIONS:
        q = pick(fast).format(s=pick(ss), e=pick(evs), y=y)
        out.append(
            Item(q, "fastest_lap", "fastf1", "row", lambda f, e, y=y, r=r, c=c: f.fastest(y, r, c))
        )
    best = (
        "What was {d}'s best lap in {s} at {e} {y}?",
        "{d} fastest lap {e} {y} {s}",
        "Best lap time of {d} in {e} {s} {y}",
    )
    for (y, r, c, evs, ss), d in zip(
        LAP_SESSIONS[:9],
        ("LEC", "BOT", "PER", "VER", "HAM", "NOR", "PIA", "RUS", "ALB"),
        strict=True,
    ):
        q = pick(best).format(d=dr(d), s=pick(ss), e=pick(evs), y=y)
        out.append(
            Item(
                q,
                "driver_best_lap",
                "fastf1",
                "row",
                lambda f, e, y=y, r=r, c=c, d=d: [d, f.fastest(y, r, c, d)[1]],
            )
        )
    gap = (
        "Gap between {a} and {b} in qualifying at {e} {y}?",
        "How far was {b} behind {a} in {e} quali {y}?",
        "{a} vs {b} qualifying gap {e} {y}",
    )
    for (y, r), (a, b) in zip(
        QUALI,
        (("LEC", "HAM"), ("BOT", "VER"), ("PER", "LEC"), ("LEC", "VER"), ("NOR", "VER")),
        strict=True,
    ):
        evs = next(x[3] for x in LAP_SESSIONS if (x[0], x[1], x[2]) == (y, r, "Q"))
        q = pick(gap).format(a=dr(a), b=dr(b), e=pick(evs), y=y)
        out.append(
            Item(
                q,
                "gap",
                "fastf1",
                "row",
                lambda f, e, y=y, r=r, a=a, b=b: [f.quali_gap(y, r, a, b)],
            )
        )
    for y, r in QUALI:
        evs = next(x[3] for x in LAP_SESSIONS if (x[0], x[1], x[2]) == (y, r, "Q"))
        q = pick(
            ("Who took pole at {e} {y}?", "pole position {e} {y}", "Who was on pole in {e} in {y}?")
        )
        out.append(
            Item(
                q.format(e=pick(evs), y=y),
                "pole",
                "fastf1",
                "row",
                lambda f, e, y=y, r=r: [f.at(y, r, "Q", 1)],
            )
        )
    for y, r, c, evs, n in (
        (2023, 4, "Q", ("Baku",), 5),
        (2024, 10, "Q", ("Spain",), 4),
    ):
        q = pick(("Who was {p} in the {s} at {e} {y}?", "Who finished {p} in {s} at {e} {y}?"))
        s = {"SS": "sprint shootout", "SQ": "sprint qualifying", "Q": "qualifying"}[c]
        out.append(
            Item(
                q.format(p=pick((f"P{n}", f"{n}th" if n > 3 else "third")), s=s, e=evs[0], y=y),
                "position",
                "fastf1",
                "row",
                lambda f, e, y=y, r=r, c=c, n=n: [f.at(y, r, c, n)],
            )
        )
    sprint = (
        "How many points did {d} take in the {e} sprint {y}?",
        "{d} sprint points at {e} {y}",
        "Points scored by {d} in the sprint at {e} in {y}",
    )
    for y, r, e_, d in (
        (2023, 4, "Baku", "LEC"),
        (2023, 4, "Azerbaijan", "VER"),
        (2025, 6, "Miami", "NOR"),
        (2025, 6, "Miami", "HAM"),
        (2023, 4, "Baku", "PER"),
    ):
        q = pick(sprint).format(d=dr(d), e=e_, y=y)
        out.append(
            Item(
                q,
                "points",
                "fastf1",
                "row",
                lambda f, e, y=y, r=r, d=d: [float(f.row(y, r, "S", d)["Points"])],
            )
        )
    out.append(
        Item(
            "How many points did Leclerc take in the Baku sprint?",
            "points",
            "fastf1",
            "row",
            lambda f, e: [float(f.row(2023, 4, "S", "LEC")["Points"])],
        )
    )
    pits = (
        "How many pit stops did {d} make in Baku 2018?",
        "{d} pit stops Azerbaijan 2018",
        "How often did {d} pit at the 2018 Azerbaijan GP?",
    )
    for d in ("HAM", "VET", "RAI", "BOT", "VER", "ALO"):
        q = pick(pits).format(
            d={"VET": "Vettel", "RAI": "Räikkönen", "BOT": "Bottas"}.get(d) or dr(d)
        )
        out.append(
            Item(q, "pit_stops", "fastf1", "row", lambda f, e, d=d: [f.pit_stops(2018, 4, d)])
        )
    tyres = (
        "Which tyres did {d} use in the 2018 Baku race?",
        "{d} stints and compounds Azerbaijan 2018",
        "What was {d}'s tyre strategy at Baku in 2018?",
    )
    for d in ("HAM", "VET", "RIC", "PER", "GAS"):
        q = pick(tyres).format(d={"VET": "Sebastian Vettel", "GAS": "Gasly"}.get(d) or dr(d))
        out.append(
            Item(q, "stints", "fastf1", "column", lambda f, e, d=d: f.compounds(2018, 4, "R", d))
        )
    return out


def weather_items() -> list[Item]:
    out: list[Item] = []
    words = {
        ("track_temp", "min"): (
            "coldest track temperature",
            "lowest track temp",
            "minimum track temperature",
        ),
        ("track_temp", "max"): (
            "hottest track temperature",
            "highest track temp",
            "peak track temperature",
        ),
        ("air_temp", "avg"): ("average air temperature", "mean air temp"),
        ("air_temp", "min"): ("coldest air temperature", "lowest air temp"),
        ("air_temp", "max"): ("hottest air temperature", "maximum air temperature"),
        ("humidity", "avg"): ("average humidity",),
        ("wind_speed", "max"): ("strongest wind", "max wind speed"),
        ("wind_speed", "avg"): ("average wind speed",),
    }
    form = ("What was the {w} in {s} at {e} {y}?", "{w} during {s} at {e} {y}", "{e} {y} {s}: {w}?")
    cases = (
        (("track_temp", "min"), 2024, 3, "R"),
        (("track_temp", "max"), 2024, 18, "R"),
        (("air_temp", "avg"), 2024, 22, "R"),
        (("air_temp", "min"), 2024, 9, "R"),
        (("humidity", "avg"), 2024, 14, "R"),
        (("wind_speed", "max"), 2024, 15, "R"),
        (("track_temp", "min"), 2023, 4, "Q"),
        (("air_temp", "max"), 2023, 17, "Q"),
        (("track_temp", "max"), 2023, 21, "Q"),
        (("wind_speed", "avg"), 2024, 6, "R"),
        (("track_temp", "min"), 2023, 12, "Q"),
        (("air_temp", "avg"), 2024, 24, "R"),
    )
    for (measure, agg), y, r, c in cases:
        e_ = (
            ev(r)
            if y == 2024
            else pick({4: ("Baku",), 17: ("Qatar",), 21: ("Vegas", "Las Vegas"), 12: ("Spa",)}[r])
        )
        s = "the race" if c == "R" else pick(("qualifying", "quali"))
        q = pick(form).format(w=pick(words[(measure, agg)]), s=s, e=e_, y=y)
        out.append(
            Item(
                q,
                "weather",
                "fastf1",
                "row",
                lambda f, e, y=y, r=r, c=c, m=measure, a=agg: [round(f.weather(y, r, c, m, a), 3)],
            )
        )
    for r in (9, 21, 3, 16):
        q = pick(
            (
                "Did it rain at {e} 2024?",
                "Was the 2024 race at {e} wet?",
                "rain during {e} 2024 race?",
            )
        )
        out.append(
            Item(
                q.format(e=ev(r)),
                "rain",
                "fastf1",
                "row",
                lambda f, e, r=r: [f.rained(2024, r, "R")],
            )
        )
    return out
