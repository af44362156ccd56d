"""needs_llm suggestions: up to three questions close to the one asked that the library answers,
filled with the entities the question did name (else the latest race in the warehouse)."""

from __future__ import annotations

from typing import Protocol

from rapidfuzz import fuzz

from ai.dimensions import Dimensions
from ai.library.entities import Entities
from ai.models import AskRequest
from f1lake.sessions import RACE


class Answers(Protocol):
    """What the suggestions need of the query library (ai.library): whether it answers."""

    def match(self, request: AskRequest, dims: Dimensions) -> object | None: ...


EVENT_FORMS = (
    "Who won the {season} {event}?",
    "What was the podium of the {season} {event}?",
    "Who took pole at the {season} {event}?",
    "What was the weather in the {season} {event} race?",
    "Who retired from the {season} {event}?",
    "Championship standings after the {season} {event}",
)
DRIVER_EVENT_FORMS = (
    "Where did {driver} finish in the {season} {event}?",
    "How many points did {driver} score in the {season} {event}?",
    "What was {driver}'s best lap in the {season} {event} qualifying?",
)
DRIVER_FORMS = (
    "How many races did {driver} win in {season}?",
    "{driver}'s race results in {season}",
    "{driver} vs his team-mate head to head in {season}",
)
SEASON_FORMS = (
    "Who won the {season} drivers' championship?",
    "Who won each race in {season}?",
    "Which driver had the most podiums in {season}?",
    "Constructors' points in {season}",
)


def latest_race(dims: Dimensions) -> tuple[int, str] | None:
    races = [s for s in dims.sessions if s.session_code == RACE and s.has_results]
    if not races:
        return None
    last = max(races, key=lambda s: s.session_id)
    event = next(e for e in dims.events if e.event_id == last.event_id)
    return event.season, event.event_name


def close_questions(
    library: Answers, question: str, found: Entities, dims: Dimensions
) -> tuple[str, ...]:
    fallback = latest_race(dims)
    if fallback is None:
        return ()
    season = found.season or (found.event.season if found.event else fallback[0])
    event = found.event.event_name if found.event else fallback[1]
    driver = found.drivers[0].last_name if found.drivers else None
    forms = list(EVENT_FORMS if found.event or not driver else ())
    if driver:
        forms += list(DRIVER_EVENT_FORMS if found.event else DRIVER_FORMS)
    forms += list(SEASON_FORMS if not found.event else ())
    filled = {f.format(season=season, event=event, driver=driver or "") for f in forms}
    ranked = sorted(filled, key=lambda q: (-fuzz.token_set_ratio(question, q), q))
    chosen: list[str] = []
    for candidate in ranked:
        if library.match(AskRequest(question=candidate), dims) is not None:
            chosen.append(candidate)
        if len(chosen) == 3:
            break
    return tuple(chosen)
