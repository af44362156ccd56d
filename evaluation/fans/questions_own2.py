"""Twenty-six more fan questions, one group per capability added to the semantic layer in the
same change (nationalities, causes of retirement, the season so far, differences, the first or
last holder, a team's streak, the lap something happened on, races per season or circuit, a
driver known by his result, a Grand Prix renamed).

Written before the reader was tried on them, in the words a fan would use, with the answers
computed from the Ergast CSVs like the first set (`evaluation.fans.questions`). The dump ends at
2025 round 21, so no question is relative to today.
"""

from __future__ import annotations

from evaluation.fans.questions import RES, TOP, Spec, _final_standings, _streak

FINNISH = "d.nationality = 'Finnish'"


def _cause(where: str) -> str:
    return f"SELECT count(*) FROM {RES} JOIN status st USING (statusId) WHERE {where}"


def _points_gap(year: int, first: str, second: str) -> str:
    return (
        f"SELECT max(ds.points) FILTER (WHERE {first}) - max(ds.points) FILTER (WHERE {second}) "
        f"FROM {_final_standings(year)}"
    )


OWN2_SPECS: list[Spec] = [
    # --- nationalities ----------------------------------------------------------------------
    Spec(
        "own31",
        "nationality",
        "row",
        "Which nationality has won the most drivers' championships?",
        "SELECT d.nationality, count(*) AS n FROM champions ch JOIN drivers d USING (driverId) "
        f"GROUP BY d.nationality {TOP.format('n')}",
    ),
    Spec(
        "own32",
        "nationality",
        "value",
        "How many Grands Prix have Finnish drivers won?",
        f"SELECT count(*) FROM {RES} WHERE re.position = 1 AND {FINNISH}",
    ),
    Spec(
        "own33",
        "nationality",
        "row",
        "Which Brazilian driver has won the most races?",
        f"SELECT d.surname, count(*) AS n FROM {RES} WHERE re.position = 1 "
        f"AND d.nationality = 'Brazilian' GROUP BY d.surname {TOP.format('n')}",
    ),
    # --- the first or last holder -----------------------------------------------------------
    Spec(
        "own34",
        "first_last",
        "value",
        "Who was the first American driver to win a world championship race?",
        f"SELECT d.surname FROM {RES} WHERE re.position = 1 AND d.nationality = 'American' "
        "ORDER BY ra.date LIMIT 1",
    ),
    Spec(
        "own35",
        "first_last",
        "value",
        "Who was the most recent Finnish world champion?",
        "SELECT d.surname FROM champions ch JOIN drivers d USING (driverId) "
        f"WHERE {FINNISH} ORDER BY ch.year DESC LIMIT 1",
    ),
    Spec(
        "own36",
        "first_last",
        "value",
        "Name the last driver who won a Grand Prix for Williams",
        f"SELECT d.surname FROM {RES} JOIN constructors c USING (constructorId) "
        "WHERE c.constructorRef = 'williams' AND re.position = 1 ORDER BY ra.date DESC LIMIT 1",
    ),
    Spec(
        "own37",
        "first_last",
        "value",
        "Who won the first Italian Grand Prix?",
        f"SELECT d.surname FROM {RES} WHERE re.position = 1 AND ra.raceId = "
        "(SELECT raceId FROM races WHERE name = 'Italian Grand Prix' ORDER BY date LIMIT 1)",
    ),
    # --- differences ------------------------------------------------------------------------
    Spec(
        "own38",
        "difference",
        "value",
        "How many more Grand Prix wins does Hamilton have than Michael Schumacher?",
        "SELECT count(*) FILTER (WHERE d.driverRef = 'hamilton') - "
        "count(*) FILTER (WHERE d.driverRef = 'michael_schumacher') "
        f"FROM {RES} WHERE re.position = 1",
    ),
    Spec(
        "own39",
        "difference",
        "value",
        "What was the points gap between the top two in the 2016 drivers' championship?",
        _points_gap(2016, "ds.position = 1", "ds.position = 2"),
    ),
    Spec(
        "own40",
        "difference",
        "value",
        "Difference in points between Vettel and Alonso at the end of 2012?",
        _points_gap(2012, "d.driverRef = 'vettel'", "d.driverRef = 'alonso'"),
    ),
    # --- the season so far ------------------------------------------------------------------
    Spec(
        "own41",
        "standings_after_round",
        "value",
        "Who was leading the 2021 championship after the British Grand Prix?",
        "SELECT d.surname FROM driver_standings ds JOIN races ra USING (raceId) "
        "JOIN drivers d USING (driverId) WHERE ra.year = 2021 "
        "AND ra.name = 'British Grand Prix' AND ds.position = 1",
    ),
    Spec(
        "own42",
        "standings_after_round",
        "value",
        "How many points did Hamilton have after round 5 of 2019?",
        "SELECT ds.points FROM driver_standings ds JOIN races ra USING (raceId) "
        "JOIN drivers d USING (driverId) WHERE ra.year = 2019 AND ra.round = 5 "
        "AND d.driverRef = 'hamilton'",
    ),
    Spec(
        "own43",
        "standings_after_round",
        "value",
        "How many races had Verstappen won after the first ten rounds of 2023?",
        f"SELECT count(*) FROM {RES} WHERE re.position = 1 AND ra.year = 2023 "
        "AND ra.round <= 10 AND d.driverRef = 'max_verstappen'",
    ),
    Spec(
        "own44",
        "standings_after_round",
        "value",
        "Who led the constructors' championship after round 10 of 2022?",
        "SELECT c.name FROM constructor_standings cs JOIN races ra USING (raceId) "
        "JOIN constructors c USING (constructorId) WHERE ra.year = 2022 AND ra.round = 10 "
        "AND cs.position = 1",
    ),
    # --- causes of retirement ---------------------------------------------------------------
    Spec(
        "own45",
        "dnf",
        "value",
        "How many gearbox failures were there in 1990?",
        _cause("ra.year = 1990 AND st.status = 'Gearbox'"),
    ),
    Spec(
        "own46",
        "dnf",
        "value",
        "How many times has Alonso retired because of an engine failure?",
        _cause("d.driverRef = 'alonso' AND st.status = 'Engine'"),
    ),
    # --- a team's streak --------------------------------------------------------------------
    Spec(
        "own47",
        "streak",
        "value",
        "What is McLaren's longest run of consecutive wins?",
        "SELECT streak FROM ("
        + _streak(
            "SELECT re.raceId, re.constructorId FROM results re JOIN constructors c "
            "USING (constructorId) WHERE re.position = 1 AND c.constructorRef = 'mclaren'",
            "constructorId",
            "constructors",
            "name",
        )
        + ")",
    ),
    # --- the lap something happened on ------------------------------------------------------
    Spec(
        "own48",
        "lap",
        "value",
        "On what lap did Bottas set the fastest lap of the 2019 Australian Grand Prix?",
        f"SELECT re.fastestLap FROM {RES} WHERE ra.year = 2019 "
        "AND ra.name = 'Australian Grand Prix' AND d.driverRef = 'bottas'",
    ),
    Spec(
        "own49",
        "lap",
        "value",
        "Which lap did Leclerc make his first pit stop on in the 2019 Italian Grand Prix?",
        "SELECT p.lap FROM pit_stops p JOIN races ra USING (raceId) JOIN drivers d "
        "USING (driverId) WHERE ra.year = 2019 AND ra.name = 'Italian Grand Prix' "
        "AND d.driverRef = 'leclerc' AND p.stop = 1",
    ),
    # --- races per season or circuit --------------------------------------------------------
    Spec(
        "own50",
        "races_held",
        "value",
        "Which year had the fewest Grands Prix?",
        "SELECT year FROM races WHERE raceId IN (SELECT raceId FROM results) GROUP BY year "
        "QUALIFY rank() OVER (ORDER BY count(*)) = 1",
    ),
    Spec(
        "own51",
        "races_held",
        "value",
        "Which circuit has staged the most Formula 1 races?",
        "SELECT ci.name FROM races ra JOIN circuits ci USING (circuitId) "
        "WHERE ra.raceId IN (SELECT raceId FROM results) GROUP BY ci.name "
        f"{TOP.format('count(*)')}",
    ),
    # --- a driver known by his result (the winner, the champion); a renamed Grand Prix --------
    Spec(
        "own52",
        "role",
        "value",
        "How many pit stops did the 2021 Hungarian Grand Prix winner make?",
        "SELECT count(*) FROM pit_stops p JOIN races ra USING (raceId) WHERE ra.year = 2021 "
        "AND ra.name = 'Hungarian Grand Prix' AND p.driverId = (SELECT re.driverId FROM "
        "results re WHERE re.raceId = ra.raceId AND re.position = 1)",
    ),
    Spec(
        "own53",
        "role",
        "value",
        "What grid position did the winner of the 2023 Belgian Grand Prix start from?",
        f"SELECT re.grid FROM {RES} WHERE ra.year = 2023 AND ra.name = 'Belgian Grand Prix' "
        "AND re.position = 1",
    ),
    Spec(
        "own54",
        "role",
        "value",
        "How many races did the 2009 world champion win that year?",
        f"SELECT count(*) FROM {RES} WHERE ra.year = 2009 AND re.position = 1 AND re.driverId = "
        "(SELECT driverId FROM champions WHERE year = 2009)",
    ),
    Spec(
        "own55",
        "role",
        "value",
        "How many points did the constructors' champions score in 2014?",
        "SELECT points FROM constructor_champions WHERE year = 2014",
    ),
    Spec(
        "own56",
        "race_winner",
        "value",
        "Who won the 2021 Mexican Grand Prix?",
        f"SELECT d.surname FROM {RES} WHERE ra.year = 2021 AND ra.name LIKE 'Mexic%' "
        "AND re.position = 1",
    ),
]
