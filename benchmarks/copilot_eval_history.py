"""The evaluation set, part four: history since 1950 (champions, career totals, all-time
rankings, circuit records, races Fast-F1 never had), answers from the Ergast CSVs. Asked only
when the warehouse serves the history marts."""

from __future__ import annotations

from benchmarks.copilot_eval_set import Item


def history_items() -> list[Item]:
    out: list[Item] = []
    for q, y in (
        ("Who won the 1988 championship?", 1988),
        ("1976 world champion", 1976),
        ("Who was the drivers' champion in 2009?", 2009),
        ("Who won the title in 1950?", 1950),
        ("Who was F1 world champion in 1994?", 1994),
        ("2016 drivers champion", 2016),
    ):
        out.append(
            Item(q, "champion_history", "ergast", "row", lambda f, e, y=y: [e.champion_name(y)])
        )
    career = (
        ("How many wins does Hamilton have in his career?", "hamilton", "wins"),
        ("How many races has Sebastian Vettel won?", "vettel", "wins"),
        ("How many podiums did Alonso get in his career?", "alonso", "podiums"),
        ("How many world titles has Lewis Hamilton won?", "hamilton", "championships"),
        ("How many championships did Alain Prost win?", "prost", "championships"),
        ("Ayrton Senna career wins", "senna", "wins"),
        ("How many titles did Michael Schumacher win?", "michael_schumacher", "championships"),
        ("career podiums of Kimi Räikkönen", "raikkonen", "podiums"),
    )
    for q, ref, metric in career:
        out.append(
            Item(q, "career", "ergast", "row", lambda f, e, r=ref, m=metric: [e.career(r, m)])
        )
    for q in ("Who has the most wins of all time?", "Which driver has won the most races ever?"):
        out.append(Item(q, "career_ranking", "ergast", "row", lambda f, e: e.most_wins_ever()))
    for q, ref in (
        ("Who has won the most at Monza?", "monza"),
        ("Who has the most wins at Silverstone?", "silverstone"),
        ("most successful driver at Monaco", "monaco"),
        ("Who won the most races at Suzuka?", "suzuka"),
    ):
        out.append(
            Item(
                q, "circuit_records", "ergast", "row", lambda f, e, r=ref: [e.circuit_most_wins(r)]
            )
        )
    for q, y, r in (
        ("Who won the 1988 Monaco Grand Prix?", 1988, 3),
        ("Winner of the 2010 British GP", 2010, 10),
        ("Who won at Spa in 1995?", 1995, 11),
        ("Who won the 2017 Italian Grand Prix?", 2017, 13),
    ):
        out.append(
            Item(q, "history_race", "ergast", "row", lambda f, e, y=y, r=r: [e.winner_name(y, r)])
        )
    return out
