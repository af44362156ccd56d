"""Library answers on the real warehouse (built from ../shared/data/fastf1-cache/all) are the
right F1 facts, checked against Fast-F1 loading the same sessions offline from a temp copy."""

from __future__ import annotations

import unicodedata

import pytest
from fastapi.testclient import TestClient

from ai.library import TEMPLATES
from tests.conftest import require_shared_cache
from tests.ingestion.fastf1_reference import open_reference_cache

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def fastf1_offline(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import fastf1

    open_reference_cache(require_shared_cache("all"), tmp_path_factory.mktemp("fastf1-cache"))
    return fastf1


def ask(client: TestClient, question: str) -> dict:
    response = client.post("/ask", json={"question": question})
    assert response.status_code == 200, (question, response.text)
    body = response.json()
    assert body["source"] == "library"
    return body


def plain(name: str) -> str:
    """A driver's name without accents (Ergast spells Pérez, Fast-F1 Perez)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def test_every_library_example_answers_on_the_real_warehouse(library_client: TestClient) -> None:
    """0 false rejections: each entry's example question validates and runs."""
    answered = {ask(library_client, t.example)["library_id"] for t in TEMPLATES}
    assert len(answered) >= 30


@pytest.mark.parametrize(
    ("question", "event", "round_"),
    [
        ("Who was on the podium of the 2024 Spanish Grand Prix?", "Spain", 10),
        ("What was the podium of the 2024 Monaco Grand Prix?", "Monaco", 8),
        ("Podium of the 2024 Bahrain Grand Prix", "Bahrain", 1),
        ("podium at the 2024 Las Vegas Grand Prix", "Las Vegas", 22),
    ],
)
def test_2024_podiums_match_fastf1(
    library_client: TestClient, fastf1_offline, question: str, event: str, round_: int
) -> None:
    session = fastf1_offline.get_session(2024, round_, "R")
    session.load(laps=False, telemetry=False, weather=False, messages=False)
    top3 = session.results.sort_values("Position").head(3)["Abbreviation"].tolist()
    body = ask(library_client, question)
    assert body["library_id"] == "podium"
    assert [row[1] for row in body["rows"]] == top3
    winner = ask(library_client, f"Who won the 2024 {session.event['EventName']}?")
    assert winner["rows"][0][1] == top3[0]


def test_fastest_lap_of_2023_azerbaijan_qualifying(library_client, fastf1_offline) -> None:
    session = fastf1_offline.get_session(2023, "Azerbaijan", "Q")
    session.load(laps=True, telemetry=False, weather=False, messages=False)
    fastest = session.laps.pick_fastest()
    body = ask(library_client, "Fastest lap of the 2023 Azerbaijan Grand Prix qualifying")
    assert body["library_id"] == "session_fastest_lap"
    row = dict(zip(body["columns"], body["rows"][0], strict=True))
    assert row["driver_code"] == fastest["Driver"]
    assert row["fastest_lap_ms"] == round(fastest["LapTime"].total_seconds() * 1000)
    quali = ask(library_client, "Qualifying times of the 2023 Azerbaijan Grand Prix")
    order = session.results.sort_values("Position")["FullName"].tolist()
    assert [plain(r[0]) for r in quali["rows"]] == [plain(n) for n in order]  # the classification


def test_pit_stops_of_2018_azerbaijan_race(library_client, fastf1_offline) -> None:
    session = fastf1_offline.get_session(2018, "Azerbaijan", "R")
    session.load(laps=True, telemetry=False, weather=False, messages=False)
    laps = session.laps
    names = dict(zip(session.results["Abbreviation"], session.results["FullName"], strict=True))
    stops = laps[laps["PitInTime"].notna()].groupby("Driver").size().to_dict()
    expected = {plain(names[code]): count for code, count in stops.items()}
    body = ask(library_client, "Pit stops in the 2018 Azerbaijan Grand Prix race")
    counted = {plain(row[0]): row[1] for row in body["rows"]}  # driver, stops
    assert counted == expected


def test_2024_winners_table_and_champion(library_client, fastf1_offline) -> None:
    winners = ask(library_client, "Who won each race in 2024?")
    expected = []
    for round_ in range(1, 25):  # every 2024 race in calendar order, from Fast-F1
        session = fastf1_offline.get_session(2024, round_, "R")
        session.load(laps=False, telemetry=False, weather=False, messages=False)
        expected.append(plain(session.results.sort_values("Position")["FullName"].iloc[0]))
    assert [plain(r[0]) for r in winners["rows"]] == expected
    champion = ask(library_client, "Who won the 2024 drivers' championship?")
    assert plain(champion["rows"][0][0]) == "max verstappen"
