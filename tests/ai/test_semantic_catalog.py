"""Catalog questions of the semantic layer (ai.semantic.catalog) on the warehouse built with the
Ergast history: each question, phrased the way public text-to-SQL sets phrase them, is read,
compiled, validated like any copilot SQL and run; its answer is compared with the same question
computed here from the Ergast CSVs (never from our warehouse). Questions stay before 2026 (the
CSVs end in 2025). SQL, nonsense and ordinary words are never read, on the tiny warehouse.

F1_HISTORY_WAREHOUSE=/path/to/f1.duckdb runs the real-data checks on an already built warehouse
(read only) instead of building one from the shared caches."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ai.schema_catalog import Catalog, read_tables
from ai.semantic import SemanticReader
from ai.validation import validate_sql
from tests.ai.semantic_warehouse import build_semantic_warehouse
from tests.history.conftest import csv_connection


@pytest.fixture(scope="module")
def reader(request: pytest.FixtureRequest) -> SemanticReader:
    built = os.environ.get("F1_HISTORY_WAREHOUSE")
    path = Path(built) if built else request.getfixturevalue("history_warehouse")
    return SemanticReader(path)


@pytest.fixture(scope="module")
def ergast() -> Iterator[duckdb.DuckDBPyConnection]:
    con = csv_connection()
    yield con
    con.close()


def run(reader: SemanticReader, sql: str, max_rows: int = 1000) -> list[tuple[Any, ...]]:
    """The SQL validated as the copilot validates it (1000: its default row cap), then run."""
    with duckdb.connect(str(reader.warehouse), read_only=True) as con:
        served = Catalog(tables=read_tables(con, Path("/nonexistent"))).served
        validate_sql(sql, served, max_rows)
        return con.execute(sql).fetchall()


def ask(reader: SemanticReader, question: str) -> list[tuple[Any, ...]]:
    read = reader.answer(question)
    assert read.sql is not None, (question, read.reason)
    assert "a catalog question" in read.notes, (question, read.sql)
    return run(reader, read.sql, 1000)


def csv(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def firsts(rows: list[tuple[Any, ...]]) -> set[Any]:
    return {row[0] for row in rows}


RACES_IN = "select distinct r.name from races as r where {}"
LISTS = [  # (question, the expected first column as a set, from the CSVs)
    ("Which races took place in 2017?", RACES_IN.format("r.year = 2017")),
    (
        "List the names of the races held between 2009 and 2011.",
        RACES_IN.format("r.year between 2009 and 2011"),
    ),
    (
        "What are the names of the races held after 2000 in Spain?",
        "select distinct r.name from races as r join circuits as c using (circuitId) "
        "where c.country = 'Spain' and r.year > 2000 and r.year <= 2025",
    ),
    (
        "What are the names of all the circuits that are in the UK or Malaysia?",
        "select name from circuits where country in ('UK', 'Malaysia')",
    ),
    (
        "Give the ids and locations of the circuits in France or Belgium",
        "select circuitId from circuits where country in ('France', 'Belgium')",
    ),
    (
        "Which German drivers were born after 1990?",
        "select forename || ' ' || surname from drivers "
        "where nationality = 'German' and year(dob) > 1990",
    ),
    (
        "What are the forenames of the drivers who took part in the 2010 Monaco Grand Prix "
        "but not the 2010 Turkish Grand Prix?",
        "select d.forename from drivers as d where d.driverId in (select driverId from results "
        "join races using (raceId) where name = 'Monaco Grand Prix' and year = 2010) and "
        "d.driverId not in (select driverId from results join races using (raceId) "
        "where name = 'Turkish Grand Prix' and year = 2010)",
    ),
    (
        "What are the first names of the drivers who were in position 1 in the standings in 2008?",
        "select distinct d.forename from driver_standings as s join drivers as d using (driverId) "
        "join races as r using (raceId) where s.position = 1 and r.year = 2008",
    ),
    (
        "Which drivers born before 1960 are from the USA?",
        "select forename || ' ' || surname from drivers "
        "where nationality = 'American' and year(dob) < 1960",
    ),
    (
        "Please list the names of the races held in 2009 in order of date.",
        RACES_IN.format("r.year = 2009"),
    ),
    (
        "Find the names of Japanese constructors that scored more than 5 points in 2006",
        "select c.name from constructors as c join results as s using (constructorId) join races "
        "as r using (raceId) where c.nationality = 'Japanese' and r.year = 2006 "
        "group by c.name having sum(s.points) > 5",
    ),
]


@pytest.mark.realdata
@pytest.mark.parametrize(("question", "truth"), LISTS)
def test_lists_are_the_ergast_rows(
    reader: SemanticReader, ergast: duckdb.DuckDBPyConnection, question: str, truth: str
) -> None:
    expected = {str(v) for v in firsts(csv(ergast, truth))}
    got = {str(v) for v in firsts(ask(reader, question))}
    assert got == expected, (question, sorted(got ^ expected)[:10])


COUNTS = [
    (
        "How many drivers participated in the race Australian Grand Prix held in 2009?",
        "select count(distinct driverId) from results join races using (raceId) "
        "where name = 'Australian Grand Prix' and year = 2009",
    ),
    (
        "How many drivers were in the race with id 841?",
        "select count(distinct driverId) from results where raceId = 841",
    ),
    ("How many races were held in 2005?", "select count(*) from races where year = 2005"),
    (
        "How many Brazilian drivers were born before 1990?",
        "select count(*) from drivers where nationality = 'Brazilian' and year(dob) < 1990",
    ),
    (
        "How many drivers have participated in at least 200 races?",
        "select count(*) from (select driverId from results group by driverId "
        "having count(distinct raceId) >= 200)",
    ),
    (
        "How many different nationalities do drivers born before 1990 have?",
        "select count(distinct nationality) from drivers where year(dob) < 1990",
    ),
    (
        "In what year was the first Monaco Grand Prix held?",
        "select min(year) from races where name = 'Monaco Grand Prix'",
    ),
    ("When was Lewis Hamilton born?", "select dob from drivers where driverRef = 'hamilton'"),
    (
        "What was the average fastest lap speed in the 2008 Monaco Grand Prix?",
        "select avg(try_cast(fastestLapSpeed as double)) from results join races using (raceId) "
        "where year = 2008 and name = 'Monaco Grand Prix'",
    ),
    (
        "What is the maximum points scored by a driver in a race in 2010?",
        "select max(points) from results join races using (raceId) where year = 2010",
    ),
]


@pytest.mark.realdata
@pytest.mark.parametrize(("question", "truth"), COUNTS)
def test_counts_and_aggregates_are_the_ergast_values(
    reader: SemanticReader, ergast: duckdb.DuckDBPyConnection, question: str, truth: str
) -> None:
    answer = ask(reader, question)  # one row, the value first (an order's column may follow)
    expected = csv(ergast, truth)[0][0]  # a float to the answer's rounding (3 decimals)
    value = pytest.approx(expected, rel=1e-4) if isinstance(expected, float) else expected
    assert len(answer) == 1 and answer[0][0] == value


@pytest.mark.realdata
def test_ranked_ordered_and_grouped_answers(
    reader: SemanticReader, ergast: duckdb.DuckDBPyConnection
) -> None:
    most = csv(
        ergast,
        "select d.driverId, d.surname from results join races as r using (raceId) join drivers "
        "as d using (driverId) where r.year between 2011 and 2020 group by all "
        "order by count(*) desc limit 1",
    )
    top = ask(
        reader,
        "What is the id and surname of the driver who took part in the most races "
        "between 2011 and 2020?",
    )
    assert top[0][:2] == most[0]
    names = [
        r[0]
        for r in ask(
            reader, "List the names of races held before 2020 in reverse alphabetical order"
        )
    ]
    expected = csv(ergast, "select distinct name from races where year < 2020 order by name desc")
    assert names == [n for (n,) in expected]
    latest = ask(reader, "What is the name and date of the most recent race before 2020?")
    assert [(latest[0][0], str(latest[0][1]))] == [
        (n, str(d))
        for n, d in csv(
            ergast, "select name, date from races where year < 2020 order by date desc limit 1"
        )
    ]
    per = dict(ask(reader, "For each nationality, how many drivers born before 1980 are there?"))
    truth = csv(
        ergast,
        "select nationality, count(*) from drivers where year(dob) < 1980 group by nationality",
    )
    assert per == dict(truth)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> SemanticReader:
    path = tmp_path_factory.mktemp("catalog-root") / "warehouse" / "f1.duckdb"
    build_semantic_warehouse(path)
    return SemanticReader(path)


@pytest.mark.parametrize(
    "question",
    [
        "List the names of all purple elephants",
        "random words about turtles held in 2017",
        "What is the average wingspan of the cars in the races held in 2023?",
        "Which drivers were born in Germany?",  # no birthplace
        "names of drivers whose nationality tastes sweet",
        "How did Hamilton do in the race at the Bahrain GP in 2023?",
    ],
)
def test_unknown_words_are_not_read(tiny: SemanticReader, question: str) -> None:
    assert tiny.catalog.read(question, tiny.vocabulary()) is None


def test_sql_is_hostile_before_the_catalog(tiny: SemanticReader) -> None:
    for text in ("DROP TABLE gold.fct_laps", "select name from races; drop table x"):
        read = tiny.answer(text)
        assert read.sql is None and read.hostile
        assert tiny.catalog.read(text, tiny.vocabulary()) is None


def test_catalog_sql_passes_the_validator(tiny: SemanticReader) -> None:
    for question in (
        "What are the names of all races held in 2023 in alphabetical order?",
        "How many constructors are there for each nationality?",
        "What is the id and last name of the driver who participated in the most races?",
    ):
        read = tiny.answer(question)
        assert read.sql is not None and "a catalog question" in read.notes, question
        run(tiny, read.sql)  # validated like any copilot SQL, then run
