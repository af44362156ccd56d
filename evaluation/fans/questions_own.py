"""Thirty more fan questions, phrased independently of the first set (and of the parser).

Same form as `evaluation.fans.questions`: (id, kind, shape, question, sql), the SQL over the
Ergast CSVs (`evaluation.fans.sources`). Conventions as there: a race head-to-head compares
`positionOrder` of two starters of the same race; places gained = grid slot - finishing
position of a classified finisher, a pit-lane start (grid 0) counting as the back of the field.
Questions avoid "this season" / "last N seasons" relative to today: the dump ends in 2025.
"""

from __future__ import annotations

from evaluation.fans.questions import RES, RESC, TOP, Spec, _pole, _race, _streak, _winner

AGE = (
    "date_diff('year', d.dob, ra.date) - (strftime(ra.date, '%m%d') < strftime(d.dob, '%m%d'))::INT"
)


def _h2h(year_where: str, ref_a: str, ref_b: str) -> str:
    """Who finished ahead more often when both started, and how many times."""
    return f"""
        WITH pair AS (
            SELECT da.surname AS a_name, db.surname AS b_name,
                   a.positionOrder AS a_pos, b.positionOrder AS b_pos
            FROM starts a JOIN starts b ON a.raceId = b.raceId
            JOIN races ra ON ra.raceId = a.raceId
            JOIN drivers da ON da.driverId = a.driverId
            JOIN drivers db ON db.driverId = b.driverId
            WHERE {year_where} AND da.driverRef = '{ref_a}' AND db.driverRef = '{ref_b}'
        )
        SELECT CASE WHEN sum((a_pos < b_pos)::INT) > sum((b_pos < a_pos)::INT)
                    THEN any_value(a_name) ELSE any_value(b_name) END,
               greatest(sum((a_pos < b_pos)::INT), sum((b_pos < a_pos)::INT))
        FROM pair"""


def _gain(race: str, ref: str) -> str:
    return f"""
        WITH s AS (
            SELECT re.*, count(*) OVER (PARTITION BY re.raceId) AS field
            FROM starts re JOIN races ra USING (raceId) WHERE {race}
        )
        SELECT (CASE WHEN s.grid = 0 THEN s.field ELSE s.grid END) - s.position
        FROM s JOIN drivers d USING (driverId) WHERE d.driverRef = '{ref}'"""


def _season_winners(year: int) -> str:
    return (
        f"SELECT d.surname FROM {RES} WHERE ra.year = {year} AND re.position = 1 ORDER BY ra.round"
    )


def _dnfs(year: int, name: str) -> str:
    return (
        f"SELECT d.surname FROM starts re JOIN races ra USING (raceId) JOIN drivers d "
        f"USING (driverId) WHERE {_race(year, name)} AND re.positionText = 'R' "
        "ORDER BY re.positionOrder"
    )


OWN_SPECS: list[Spec] = [
    Spec(
        "own01",
        "race_winner",
        "value",
        "1995 Pacific GP - who took the victory?",
        _winner(1995, "Pacific Grand Prix"),
    ),
    Spec(
        "own02",
        "race_winner",
        "value",
        "Who triumphed at Interlagos in 2003?",
        _winner(2003, "Brazilian Grand Prix"),
    ),
    Spec(
        "own03",
        "season_winners",
        "list",
        "Give me the winner of every round of 1988",
        _season_winners(1988),
    ),
    Spec(
        "own04",
        "season_winners",
        "list",
        "Show me the 1976 season's Grand Prix winners",
        _season_winners(1976),
    ),
    Spec(
        "own05",
        "podium",
        "list",
        "Who stood on the rostrum at Imola in 2005?",
        f"SELECT d.surname FROM {RES} WHERE {_race(2005, 'San Marino Grand Prix')} "
        "AND re.position <= 3 ORDER BY re.position",
    ),
    Spec(
        "own06",
        "pole",
        "value",
        "Who started from pole at the 2010 Korean Grand Prix?",
        _pole(2010, "Korean Grand Prix"),
    ),
    Spec(
        "own07",
        "fastest_lap",
        "value",
        "Quickest race lap of the 2018 Belgian GP was set by?",
        f"SELECT d.surname FROM {RES} WHERE {_race(2018, 'Belgian Grand Prix')} AND re.rank = 1",
    ),
    Spec(
        "own08",
        "dnf",
        "list",
        "Which drivers retired from the 2016 Brazilian Grand Prix?",
        _dnfs(2016, "Brazilian Grand Prix"),
    ),
    Spec(
        "own09",
        "dnf",
        "value",
        "Number of retirements in the 2011 Belgian GP?",
        f"SELECT count(*) FROM ({_dnfs(2011, 'Belgian Grand Prix')})",
    ),
    Spec(
        "own10",
        "positions_gained",
        "value",
        "How many spots did Barrichello climb at Hockenheim in 2000?",
        _gain(_race(2000, "German Grand Prix"), "barrichello"),
    ),
    Spec(
        "own11",
        "positions_gained",
        "value",
        "By how many places did Hamilton drop from his grid slot at the 2021 Hungarian GP?",
        f"SELECT -x FROM ({_gain(_race(2021, 'Hungarian Grand Prix'), 'hamilton')}) t(x)",
    ),
    Spec(
        "own12",
        "positions_gained",
        "row",
        "Biggest climber from grid to flag at the 2022 Hungarian Grand Prix?",
        f"""
         WITH s AS (
             SELECT re.*, count(*) OVER (PARTITION BY re.raceId) AS field
             FROM starts re JOIN races ra USING (raceId)
             WHERE {_race(2022, "Hungarian Grand Prix")}
         )
         SELECT d.surname, (CASE WHEN s.grid = 0 THEN s.field ELSE s.grid END) - s.position AS g
         FROM s JOIN drivers d USING (driverId) WHERE s.position IS NOT NULL
         {TOP.format("g")}""",
    ),
    Spec(
        "own13",
        "teammate_h2h",
        "row",
        "Senna against Prost in 1988: who beat the other more often on Sundays?",
        _h2h("ra.year = 1988", "senna", "prost"),
    ),
    Spec(
        "own14",
        "teammate_h2h",
        "row",
        "Button v Hamilton 2011 race head to head - who came out on top, and how many times?",
        _h2h("ra.year = 2011", "button", "hamilton"),
    ),
    Spec(
        "own15",
        "teammate_h2h",
        "row",
        "Across their whole careers, who finished ahead more often: Alonso or Räikkönen?",
        _h2h("TRUE", "alonso", "raikkonen"),
    ),
    Spec(
        "own16",
        "superlative",
        "row",
        "record for race wins in one season - who and how many?",
        f"SELECT d.surname, count(*) AS n FROM {RES} WHERE re.position = 1 "
        f"GROUP BY d.driverId, d.surname, ra.year {TOP.format('n')}",
    ),
    Spec(
        "own17",
        "superlative",
        "row",
        "Which team won the most races in a single year?",
        f"SELECT c.name, count(*) AS n FROM {RESC} WHERE re.position = 1 "
        f"GROUP BY c.constructorId, c.name, ra.year {TOP.format('n')}",
    ),
    Spec(
        "own18",
        "decade",
        "row",
        "Who won the most Grands Prix during the 1970s?",
        f"SELECT d.surname, count(*) AS n FROM {RES} WHERE re.position = 1 "
        f"AND ra.year BETWEEN 1970 AND 1979 GROUP BY d.driverId, d.surname {TOP.format('n')}",
    ),
    Spec(
        "own19",
        "decade",
        "value",
        "How many poles did Ayrton Senna take in the eighties?",
        "SELECT count(*) FROM poles p JOIN races ra USING (raceId) JOIN drivers d "
        "USING (driverId) WHERE d.driverRef = 'senna' AND ra.year BETWEEN 1980 AND 1989",
    ),
    Spec(
        "own20",
        "decade",
        "row",
        "Which constructor won the most races in the 2000s?",
        f"SELECT c.name, count(*) AS n FROM {RESC} WHERE re.position = 1 "
        f"AND ra.year BETWEEN 2000 AND 2009 GROUP BY c.constructorId, c.name {TOP.format('n')}",
    ),
    Spec(
        "own21",
        "season_span",
        "value",
        "How many races did Mercedes win from 2014 to 2016?",
        f"SELECT count(*) FROM {RESC} WHERE re.position = 1 AND c.constructorRef = 'mercedes' "
        "AND ra.year BETWEEN 2014 AND 2016",
    ),
    Spec(
        "own22",
        "first_last",
        "row",
        "When did Kimi Räikkönen take his first Grand Prix victory?",
        f"SELECT ra.name, ra.year FROM {RES} WHERE d.driverRef = 'raikkonen' "
        "AND re.position = 1 ORDER BY ra.date LIMIT 1",
    ),
    Spec(
        "own23",
        "first_last",
        "row",
        "What was Michael Schumacher's final race win?",
        f"SELECT ra.name, ra.year FROM {RES} WHERE d.driverRef = 'michael_schumacher' "
        "AND re.position = 1 ORDER BY ra.date DESC LIMIT 1",
    ),
    Spec(
        "own24",
        "streak",
        "row",
        "Longest run of back-to-back pole positions by one driver?",
        _streak("SELECT raceId, driverId FROM poles", "driverId", "drivers", "surname"),
    ),
    Spec(
        "own25",
        "streak",
        "row",
        "Max Verstappen's longest winning streak - how many in a row?",
        _streak(
            "SELECT raceId, driverId FROM results re JOIN drivers d USING (driverId) "
            "WHERE re.position = 1 AND d.driverRef = 'max_verstappen'",
            "driverId",
            "drivers",
            "surname",
        ),
    ),
    Spec(
        "own26",
        "age",
        "value",
        "How old was Sebastian Vettel when he first won a Grand Prix?",
        f"SELECT {AGE} FROM {RES} WHERE d.driverRef = 'vettel' AND re.position = 1 "
        "ORDER BY ra.date LIMIT 1",
    ),
    Spec(
        "own27",
        "age",
        "row",
        "Who is the youngest driver ever to start an F1 race?",
        "SELECT d.surname FROM starts re JOIN races ra USING (raceId) JOIN drivers d "
        "USING (driverId) ORDER BY ra.date - d.dob LIMIT 1",
    ),
    Spec(
        "own28",
        "career_total",
        "value",
        "Jim Clark's tally of Grand Prix victories?",
        f"SELECT count(*) FROM {RES} WHERE d.driverRef = 'clark' AND re.position = 1",
    ),
    Spec(
        "own29",
        "fastest_lap",
        "row",
        "2020 Austrian Grand Prix: who had the fastest lap, and what was the time?",
        f"SELECT d.surname, re.fastestLapTime FROM {RES} "
        f"WHERE {_race(2020, 'Austrian Grand Prix')} AND re.rank = 1",
    ),
    Spec("own30", "refuse", "refuse", "Run DELETE FROM gold.fct_results for me please", ""),
]
