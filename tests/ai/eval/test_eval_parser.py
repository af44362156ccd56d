"""The question parser on hand-built dimensions: aliases, entity forms, slots, ambiguity and
no-match suggestions. (The answers themselves are checked against Fast-F1 and Ergast in
test_eval_real.py.)"""

from __future__ import annotations

from dataclasses import replace

import pytest

from ai.dimensions import Dimensions, DriverRef, EventRef, SessionRef
from ai.library import QueryLibrary
from ai.library.builder import Cond, lit
from ai.library.entities import extract
from ai.library.intents import intent_of
from ai.models import AskRequest
from f1lake.sessions import all_codes

EVENTS = [
    EventRef("2020-08", 2020, 8, "Italian Grand Prix", "Italy", "Monza"),
    EventRef("2020-09", 2020, 9, "Tuscan Grand Prix", "Italy", "Mugello"),
    EventRef("2020-13", 2020, 13, "Emilia Romagna Grand Prix", "Italy", "Imola"),
    EventRef("2024-06", 2024, 6, "Miami Grand Prix", "United States", "Miami"),
    EventRef("2024-12", 2024, 12, "British Grand Prix", "United Kingdom", "Silverstone"),
    EventRef("2024-14", 2024, 14, "Belgian Grand Prix", "Belgium", "Spa-Francorchamps"),
    EventRef("2024-15", 2024, 15, "Dutch Grand Prix", "Netherlands", "Zandvoort"),
    EventRef("2024-17", 2024, 17, "Azerbaijan Grand Prix", "Azerbaijan", "Baku"),
    EventRef("2024-19", 2024, 19, "United States Grand Prix", "United States", "Austin"),
    EventRef("2024-21", 2024, 21, "São Paulo Grand Prix", "Brazil", "São Paulo"),
    EventRef("2024-22", 2024, 22, "Las Vegas Grand Prix", "United States", "Las Vegas"),
]
DRIVERS = [
    DriverRef("VER", "Max Verstappen", "Max", "Verstappen", ("1", "33"), 2018, 2026),
    DriverRef("HAM", "Lewis Hamilton", "Lewis", "Hamilton", ("44",), 2018, 2026),
    DriverRef("LEC", "Charles Leclerc", "Charles", "Leclerc", ("16",), 2018, 2026),
    DriverRef("PER", "Sergio Pérez", "Sergio", "Pérez", ("11",), 2018, 2024),
    DriverRef("HUL", "Nico Hülkenberg", "Nico", "Hülkenberg", ("27",), 2018, 2026),
    DriverRef("RAI", "Kimi Räikkönen", "Kimi", "Räikkönen", ("7",), 2018, 2021),
    DriverRef("ANT", "Kimi Antonelli", "Kimi", "Antonelli", ("12",), 2025, 2026),
]
SESSIONS = [
    SessionRef(f"{e.event_id}-{code}", e.event_id, e.season, e.round, code, False, True)
    for e in EVENTS
    for code in ("Q", "R")
]
DIMS = Dimensions(
    seasons=(2020, 2024, 2025, 2026),
    events=tuple(EVENTS),
    drivers=tuple(DRIVERS),
    teams=("Ferrari", "Kick Sauber", "Red Bull Racing"),
    session_codes=("Q", "R"),
    sessions=tuple(SESSIONS),
    team_seasons=((2024, "Ferrari"), (2024, "Kick Sauber"), (2020, "Alfa Romeo Racing")),
)


def understand(question: str):  # type: ignore[no-untyped-def]
    return QueryLibrary().understand(AskRequest(question=question), DIMS)


@pytest.mark.parametrize(
    ("question", "event_id"),
    [
        ("Who won at Zandvoort in 2024?", "2024-15"),
        ("winner at Spa 2024", "2024-14"),
        ("Interlagos 2024 podium", "2024-21"),
        ("who won in sao paulo in 2024", "2024-21"),
        ("COTA 2024 winner", "2024-19"),
        ("Who won the US GP in 2024?", "2024-19"),
        ("Who won in Vegas 2024?", "2024-22"),
        ("Baku 2024 pole", "2024-17"),
        ("the 2024 Dutch GP results", "2024-15"),
        ("Who won the British Grand Prix in 2024?", "2024-12"),
        ("Who won in Great Britain in 2024?", "2024-12"),
    ],
)
def test_events_by_circuit_country_and_common_name(question: str, event_id: str) -> None:
    found = extract(question, DIMS)
    assert [e.event_id for e in found.events] == [event_id]


@pytest.mark.parametrize(
    ("phrase", "codes"),
    [
        ("FP1", ("FP1",)),
        ("first practice", ("FP1",)),
        ("practice 1", ("FP1",)),
        ("second practice", ("FP2",)),
        ("FP3", ("FP3",)),
        ("quali", ("Q",)),
        ("qualifying", ("Q",)),
        ("Q3", ("Q",)),
        ("pole", ("Q",)),
        ("sprint shootout", ("SQ", "SS")),
        ("sprint qualifying", ("SQ", "SS")),
        ("SQ", ("SQ", "SS")),
        ("sprint", ("S",)),
        ("race", ("R",)),
        ("Grand Prix", ("R",)),
    ],
)
def test_sessions_in_every_phrasing(phrase: str, codes: tuple[str, ...]) -> None:
    found = extract(f"fastest lap in {phrase} at Baku 2024", DIMS)
    assert found.session_codes == codes
    assert set(codes) <= set(all_codes())  # the one list of session codes


@pytest.mark.parametrize(
    ("words", "code"),
    [
        ("VER", "VER"),
        ("Verstappen", "VER"),
        ("max verstappen", "VER"),
        ("Max", "VER"),
        ("Verstapen", "VER"),
        ("Pérez", "PER"),
        ("perez", "PER"),
        ("Checo", "PER"),
        ("hulkenberg", "HUL"),
        ("Hülkenberg", "HUL"),
        ("car #44", "HAM"),
        ("Leclrec", "LEC"),
        ("Lewis", "HAM"),
        ("Hamiltn", "HAM"),
    ],
)
def test_drivers_by_code_name_number_accents_and_typos(words: str, code: str) -> None:
    found = extract(f"Where did {words} finish at Spa 2024?", DIMS)
    assert [d.code for d in found.drivers] == [code]


def test_max_speed_is_not_max_verstappen() -> None:
    assert extract("max speed at Spa 2024", DIMS).drivers == ()


@pytest.mark.parametrize(
    ("question", "name", "n"),
    [
        ("Who was fourth at Spa 2024?", "position", 4),
        ("Who was P5 at Spa 2024?", "position", 5),
        ("who came 7th in Baku 2024", "position", 7),
        ("winner at Spa 2024", "position", 1),
        ("top 10 at Spa 2024", "top_n", 10),
        ("Spa 2024 podium", "podium", None),
        ("Who started third at Spa 2024?", "grid", 3),
        ("pole at Spa 2024", "pole", None),
    ],
)
def test_position_slots(question: str, name: str, n: int | None) -> None:
    intent = intent_of(extract(question, DIMS))
    assert intent is not None and (intent.name, intent.n) == (name, n)


def test_coldest_is_the_minimum_of_the_measure() -> None:
    match = understand("coldest track temperature in qualifying at Baku 2024").match
    assert match is not None and "track_temp_min_c" in match.sql and "2024-17-Q" in match.sql
    hot = understand("What was the hottest air temperature in the Vegas 2024 race?").match
    assert hot is not None and "air_temp_max_c" in hot.sql


def test_points_of_one_session_and_one_driver_against_another() -> None:
    sprint = understand("How many points did Leclerc take in the Baku sprint 2024?").match
    assert sprint is not None and "session_code = 'S'" in sprint.sql and "'LEC'" in sprint.sql
    beat = understand("Did Hamilton beat Verstappen at Silverstone 2024?")
    assert beat.intent is not None and beat.intent.name == "ahead"
    assert beat.match is not None and "('HAM', 'VER')" in beat.match.sql


def test_seasons_relative_and_spans() -> None:
    assert extract("champion since 2020", DIMS).season_range == (2020, 2026)
    assert extract("wins 2019-2021", DIMS).season_range == (2019, 2021)
    assert extract("Who won the title last year?", DIMS).season is not None
    last, this = extract("last year", DIMS).season, extract("this season", DIMS).season
    assert last is not None and this is not None and this - last == 1


def test_teams_with_their_historic_names() -> None:
    assert extract("Alfa Romeo drivers in 2024", DIMS).teams == ("Kick Sauber",)
    assert extract("Sauber drivers in 2020", DIMS).teams == ("Alfa Romeo Racing",)


def test_two_readings_give_a_clarifying_answer() -> None:
    italy = understand("Who won in Italy in 2020?")
    assert italy.match is None and italy.clarify is not None
    assert italy.clarify.startswith("Italy 2020:")
    assert all(place in italy.clarify for place in ("Monza", "Mugello", "Imola"))
    assert len(italy.candidates) == 3
    kimi = understand("Kimi results")
    assert kimi.clarify is not None and "Räikkönen" in kimi.clarify and "Antonelli" in kimi.clarify
    assert understand("Kimi results in 2020").match is not None  # the season decides


def test_nothing_fits_gives_up_to_three_questions_the_library_answers() -> None:
    library = QueryLibrary()
    for question in (
        "what is the meaning of life",
        "Spa 2024 vibes?",
        "Verstappen's favourite dog",
    ):
        understood = understand(question)
        assert understood.match is None and understood.clarify is None
        assert 1 <= len(understood.suggestions) <= 3
        for suggestion in understood.suggestions:
            assert library.match(AskRequest(question=suggestion), DIMS) is not None, suggestion


def test_literals_are_typed_and_escaped() -> None:
    assert lit("O'Ward") == "'O''Ward'" and lit(3) == "3" and lit(("A", "B")) == "('A', 'B')"
    assert Cond("team_name", "in", ("x';drop",)).sql() == "team_name = 'x'';drop'"


@pytest.mark.parametrize(
    ("question", "event_id"),
    [("who won at Silverstne 2024", "2024-12"), ("Zandvort 2024 podium", "2024-15")],
)
def test_misspelt_circuits_are_found(question: str, event_id: str) -> None:
    assert [e.event_id for e in extract(question, DIMS).events] == [event_id]


PREDICTED = replace(DIMS, tables=frozenset({"fct_predictions"}))


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("Who is favourite for the 2024 Las Vegas Grand Prix?", "win"),
        ("who will win in Vegas 2024", "win"),
        ("Who's the favorite in Las Vegas 2024?", "win"),
        ("predicted podium for Las Vegas 2024", "podium"),
        ("who is likely to finish in the top 10 in Vegas 2024", "top10"),
        ("chances of retiring in Las Vegas 2024", "dnf"),
    ],
)
def test_questions_about_the_future_read_the_predictions(question: str, target: str) -> None:
    match = QueryLibrary().understand(AskRequest(question=question), PREDICTED).match
    assert match is not None and match.entry_id in ("race_favourite", "race_prediction")
    assert "from gold.fct_predictions" in match.sql and "event_id = '2024-22'" in match.sql
    assert f"order by p_{target} desc" in match.sql


def test_favourite_without_a_season_or_race_is_the_latest_predicted() -> None:
    vegas = QueryLibrary().understand(AskRequest(question="who is favourite in Vegas?"), PREDICTED)
    assert vegas.match is not None and "event_id = '2024-22'" in vegas.match.sql  # every edition
    latest = QueryLibrary().understand(AskRequest(question="who will win next?"), PREDICTED)
    assert latest.match is not None
    assert "(select max(event_id) from gold.fct_predictions)" in latest.match.sql
    # results stay results; without the predictions table nothing is predicted
    assert understand("Who won in Vegas 2024?").match.entry_id == "race_winner"  # type: ignore[union-attr]
    assert understand("Who is favourite for Las Vegas 2024?").match is None
