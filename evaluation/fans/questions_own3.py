"""Thirty more fan questions (own57..own86), written before the copilot's parser was read.

Varied on purpose: casual lower-case, typos ("Hwo", "Leclerk"), every era from the 1950s to the
2020s, line-ups and team-mates, circuits and their towns, nationalities, records, comparisons,
who / which / how many / when. Same form as `evaluation.fans.questions`: (id, kind, shape,
question, sql), the SQL over the Ergast CSVs (`evaluation.fans.sources`), never the warehouse.
"""

from __future__ import annotations

from evaluation.fans.questions import RES, RESC, TOP, Spec, _final_constructors, _final_standings

# results with the driver, the race and the constructor
RESDC = f"{RES} JOIN constructors c USING (constructorId)"
AGE_DAYS = "date_diff('day', d.dob, ra.date)"


def _team_count(ref: str, team_ref: str, where: str) -> str:
    return (
        f"SELECT count(DISTINCT re.raceId) FROM {RESDC} WHERE d.driverRef = '{ref}' "
        f"AND c.constructorRef = '{team_ref}' AND {where}"
    )


OWN3_SPECS: list[Spec] = [
    Spec(
        "own57",
        "race_winner",
        "value",
        "who won monaco in 1996",
        f"SELECT d.surname FROM {RES} WHERE ra.year = 1996 AND ra.name = 'Monaco Grand Prix' "
        "AND re.position = 1",
    ),
    Spec(
        "own58",
        "team_wins",
        "value",
        "Hwo many races did Alonso win with Renault?",
        _team_count("alonso", "renault", "re.position = 1"),
    ),
    Spec(
        "own59",
        "line_up",
        "value",
        "Which team did Ayrton Senna drive for in 1985?",
        # Ergast names the 1950s-90s team 'Team Lotus'; a fan says Lotus
        f"SELECT DISTINCT regexp_replace(c.name, '^Team ', '') FROM {RESDC} "
        "WHERE d.driverRef = 'senna' AND ra.year = 1985",
    ),
    Spec(
        "own60",
        "line_up",
        "value",
        "Who was Hamilton's teammate at Mercedes in 2016?",
        f"SELECT DISTINCT d.surname FROM {RESDC} WHERE ra.year = 2016 "
        "AND c.constructorRef = 'mercedes' AND d.driverRef <> 'hamilton'",
    ),
    Spec(
        "own61",
        "season",
        "value",
        "How many races were there in 2021?",
        "SELECT count(*) FROM races WHERE year = 2021 AND raceId IN (SELECT raceId FROM results)",
    ),
    Spec(
        "own62",
        "circuit",
        "value",
        "Which circuit hosted the 1976 Japanese Grand Prix?",
        "SELECT ci.name FROM races ra JOIN circuits ci USING (circuitId) "
        "WHERE ra.year = 1976 AND ra.name = 'Japanese Grand Prix'",
    ),
    Spec(
        "own63",
        "driver_info",
        "value",
        "What nationality is Kimi Raikkonen?",
        "SELECT nationality FROM drivers WHERE driverRef = 'raikkonen'",
    ),
    Spec(
        "own64",
        "champion",
        "value",
        "who won the 1992 drivers title",
        "SELECT d.surname FROM champions JOIN drivers d USING (driverId) WHERE year = 1992",
    ),
    Spec(
        "own65",
        "season_points",
        "value",
        "Who scored the most points in 2018?",
        f"SELECT d.surname FROM {_final_standings(2018)} AND ds.position = 1",
    ),
    Spec(
        "own66",
        "team_podiums",
        "value",
        "How many podiums did Sergio Perez get with Red Bull?",
        _team_count("perez", "red_bull", "re.position <= 3"),
    ),
    Spec(
        "own67",
        "nationality",
        "value",
        "How many world champions has Finland produced?",
        "SELECT count(DISTINCT driverId) FROM champions JOIN drivers USING (driverId) "
        "WHERE nationality = 'Finnish'",
    ),
    Spec(
        "own68",
        "season_wins",
        "row",
        "Who won the most races in 2012?",
        f"SELECT d.surname, count(*) AS n FROM {RES} WHERE ra.year = 2012 AND re.position = 1 "
        f"GROUP BY d.surname {TOP.format('n')}",
    ),
    Spec(
        "own69",
        "constructors_champion",
        "value",
        "Which team won the 1984 constructors championship?",
        "SELECT c.name FROM constructor_champions JOIN constructors c USING (constructorId) "
        "WHERE year = 1984",
    ),
    Spec(
        "own70",
        "poles",
        "value",
        "How many poles did Charles Leclerk take in 2022?",
        "SELECT count(*) FROM poles JOIN races USING (raceId) JOIN drivers USING (driverId) "
        "WHERE year = 2022 AND driverRef = 'leclerc'",
    ),
    Spec(
        "own71",
        "race_result",
        "value",
        "Who finished 2nd at the 2019 Monaco GP?",
        f"SELECT d.surname FROM {RES} WHERE ra.year = 2019 AND ra.name = 'Monaco Grand Prix' "
        "AND re.position = 2",
    ),
    Spec(
        "own72",
        "line_up",
        "list",
        "Who drove for McLaren in 1988?",
        f"SELECT DISTINCT d.surname FROM {RESDC} WHERE ra.year = 1988 "
        "AND c.constructorRef = 'mclaren'",
    ),
    Spec(
        "own73",
        "circuit",
        "value",
        "In which city is Albert Park?",
        "SELECT location FROM circuits WHERE circuitRef = 'albert_park'",
    ),
    Spec(
        "own74",
        "fastest_lap",
        "value",
        "Who got the fastest lap at Monza in 2020?",
        f"SELECT d.surname FROM {RES} JOIN circuits ci USING (circuitId) WHERE ra.year = 2020 "
        "AND ci.circuitRef = 'monza' AND re.rank = 1",
    ),
    Spec(
        "own75",
        "team_points",
        "value",
        "How many points did Ferrari score in 2022?",
        f"SELECT cs.points FROM {_final_constructors(2022)} AND c.constructorRef = 'ferrari'",
    ),
    Spec(
        "own76",
        "season_wins",
        "list",
        "list all the drivers who won a race in 2012",
        f"SELECT DISTINCT d.surname FROM {RES} WHERE ra.year = 2012 AND re.position = 1",
    ),
    Spec(
        "own77",
        "first_last",
        "row",
        "When did Jenson Button win his first race?",
        f"SELECT ra.year, ra.name FROM {RES} WHERE d.driverRef = 'button' AND re.position = 1 "
        "ORDER BY ra.date LIMIT 1",
    ),
    Spec(
        "own78",
        "career",
        "value",
        "How many different teams has Fernando Alonso raced for?",
        "SELECT count(DISTINCT constructorId) FROM starts JOIN drivers USING (driverId) "
        "WHERE driverRef = 'alonso'",
    ),
    Spec(
        "own79",
        "record",
        "value",
        "Who was the youngest world champion?",
        f"""SELECT d.surname FROM champions ch JOIN drivers d USING (driverId)
            JOIN races ra ON ra.year = ch.year
            WHERE ra.round = (SELECT max(round) FROM races r2 WHERE r2.year = ch.year
                              AND r2.raceId IN (SELECT raceId FROM results))
            QUALIFY rank() OVER (ORDER BY {AGE_DAYS}) = 1""",
    ),
    Spec(
        "own80",
        "nationality",
        "value",
        "How many Grand Prix wins did British drivers get in the 1990s?",
        f"SELECT count(*) FROM {RES} WHERE re.position = 1 AND d.nationality = 'British' "
        "AND ra.year BETWEEN 1990 AND 1999",
    ),
    Spec(
        "own81",
        "team_poles",
        "row",
        "which constructor has the most pole positions?",
        "SELECT c.name, count(*) AS n FROM poles JOIN constructors c USING (constructorId) "
        f"GROUP BY c.name {TOP.format('n')}",
    ),
    Spec(
        "own82",
        "head_to_head",
        "value",
        "Hamilton vs Rosberg 2016 - who won more races?",
        f"SELECT d.surname FROM {RES} WHERE ra.year = 2016 AND re.position = 1 "
        "AND d.driverRef IN ('hamilton', 'rosberg') GROUP BY d.surname "
        "QUALIFY rank() OVER (ORDER BY count(*) DESC) = 1",
    ),
    Spec(
        "own83",
        "race_laps",
        "value",
        "How many laps was the 2023 Singapore Grand Prix?",
        f"SELECT re.laps FROM {RES} WHERE ra.year = 2023 AND ra.name = 'Singapore Grand Prix' "
        "AND re.position = 1",
    ),
    Spec(
        "own84",
        "season_wins",
        "value",
        "How many races did Fangio win in 1954?",
        f"SELECT count(DISTINCT re.raceId) FROM {RES} WHERE d.driverRef = 'fangio' "
        "AND ra.year = 1954 AND re.position = 1",
    ),
    Spec(
        "own85",
        "champion_team",
        "value",
        "Which team was Schumacher driving for when he won his first title?",
        f"SELECT DISTINCT c.name FROM {RESC} WHERE re.driverId = (SELECT driverId FROM drivers "
        "WHERE driverRef = 'michael_schumacher') AND ra.year = (SELECT min(year) FROM champions "
        "JOIN drivers USING (driverId) WHERE driverRef = 'michael_schumacher')",
    ),
    Spec(
        "own86",
        "standings",
        "value",
        "What position did Alonso finish the 2023 championship in?",
        f"SELECT ds.position FROM {_final_standings(2023)} AND d.driverRef = 'alonso'",
    ),
]
