"""Query library: a question parser (entities + intent with slots) and one typed SQL builder.

`QueryLibrary.understand` reads a question into entities (ai.library.entities, resolved against
the warehouse's dimensions and the alias table), an intent (ai.library.intents) and, when both
fit, the SQL of one plan (ai.library.event_plans / season_plans over ai.library.builder). Two
readings that both fit give a clarifying question; nothing that fits gives up to three close
questions the library can answer. Used three ways: the answer when the model is down or its SQL
is unusable (source "library"), hints and few-shot examples in the model's prompt, and the
benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from ai.dimensions import Dimensions, EventRef
from ai.library.builder import Plan, Scope
from ai.library.entities import Entities, extract
from ai.library.event_plans import event_plan
from ai.library.examples import TEMPLATES, Example
from ai.library.history_plans import history_plan
from ai.library.index import index_for
from ai.library.intents import Intent, intent_of
from ai.library.prediction_plans import prediction_plan
from ai.library.season_plans import season_plan
from ai.models import AskRequest
from f1lake.sessions import QUALIFYING, RACE, RACE_LIKE, SPRINT, SPRINT_QUALIFYING

__all__ = ["TEMPLATES", "Example", "LibraryMatch", "QueryLibrary", "Understanding"]
DEFAULT_SESSIONS = {"pole": (QUALIFYING,), "points": RACE_LIKE, "quali_times": (QUALIFYING,)}
LATEST_BY_DEFAULT = {
    "champion",
    "standings",
    "season_winners",
    "team_points",
    "rainy_sessions",
    "calendar",
    "weather_ranking",
    "season_positions_gained",
    "team_drivers",
    "data_availability",
    "points_progression",
}


@dataclass(frozen=True)
class LibraryMatch:
    entry_id: str
    title: str
    sql: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Understanding:
    """What the parser read: entities, intent, and a match, a clarification or suggestions."""

    entities: Entities
    intent: Intent | None
    match: LibraryMatch | None = None
    clarify: str | None = None
    candidates: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    fallback: LibraryMatch | None = None  # the parser's match, when the reader's replaced it

    def hints(self) -> list[str]:
        """Resolved entities as short lines for the model's prompt."""
        e = self.entities
        lines = []
        if e.event is not None:
            lines.append(f"event: {e.event.event_name} (event_id {e.event.event_id})")
        if e.season is not None:
            lines.append(f"season: {e.season}")
        if e.season_range is not None:
            lines.append(f"seasons: {e.season_range[0]}-{e.season_range[1]}")
        if e.session_codes:
            lines.append(f"session_code: {' or '.join(e.session_codes)}")
        lines += [f"driver: {d.full_name} (driver_code {d.code})" for d in e.drivers]
        if e.teams:
            lines.append(f"team_name in: {', '.join(e.teams)}")
        if self.intent is not None:
            lines.append(
                f"intent: {self.intent.name}" + (f" n={self.intent.n}" if self.intent.n else "")
            )
        return lines


def latest_season(dims: Dimensions) -> int | None:
    with_results = [s.season for s in dims.sessions if s.has_results and s.session_code == RACE]
    if with_results:
        return max(with_results)
    return max(dims.seasons) if dims.seasons else None


def pick_session(
    event: EventRef, codes: tuple[str, ...], dims: Dimensions, season_given: bool
) -> tuple[EventRef, str, list[str]]:
    """The event (in the season with data when none was named) and the session code meant."""
    index = index_for(dims)
    present = {(s.event_id, s.session_code) for s in dims.sessions if s.has_results or s.has_laps}
    if season_given:
        candidates = [event]
    else:
        candidates = sorted(index.by_name[event.event_name], key=lambda e: -e.season)
    for candidate in candidates:
        for code in codes:
            if (candidate.event_id, code) in present:
                notes = [] if season_given else [f"no season given: used {candidate.season}"]
                return candidate, code, notes
    chosen = candidates[0]
    return (
        chosen,
        codes[0],
        [f"session {codes[0]} of {chosen.event_name} {chosen.season} is not in the warehouse"],
    )


def clarify_events(found: Entities) -> tuple[str, tuple[str, ...]]:
    events = sorted(found.events, key=lambda e: (e.round, e.event_name))
    seasons = sorted({e.season for e in events})
    season = [str(seasons[0])] if found.season is not None else []
    label = " ".join(w for w in [found.event_words.title(), *season] if w)
    places = [
        e.location if len({x.location for x in events}) == len(events) else e.event_name
        for e in events
    ]
    options = ", ".join(places[:-1]) + f" or {places[-1]}"
    return f"{label}: {options}?", tuple(f"{e.event_name} {e.season}" for e in events)


def with_data(found: Entities, dims: Dimensions) -> Entities:
    """Of several events, keep the ones holding the session the question names (if any does;
    any edition when no season was named)."""
    present = {(s.event_id, s.session_code) for s in dims.sessions if s.has_results or s.has_laps}
    by_name = index_for(dims).by_name

    def editions(event: EventRef) -> list[EventRef]:
        return [event] if found.season is not None else by_name[event.event_name]

    kept = tuple(
        e
        for e in found.events
        if any((x.event_id, c) in present for x in editions(e) for c in found.session_codes)
    )
    return replace(found, events=kept) if kept else found


def same_place(found: Entities, dims: Dimensions) -> Entities:
    """No season named and one place under several names over the years (Baku: European and
    Azerbaijan GP; Silverstone: British and 70th Anniversary GP): the name it has held most."""
    if found.season is not None or len({e.location for e in found.events}) != 1:
        return found
    by_name = index_for(dims).by_name
    main = max(found.events, key=lambda e: (len(by_name[e.event_name]), e.season))
    return replace(found, events=(main,))


class QueryLibrary:
    """The parser and builder over the warehouse's own dimension values."""

    def __init__(self, templates: tuple[Example, ...] = TEMPLATES) -> None:
        self.templates = templates

    def plan(
        self, found: Entities, intent: Intent, dims: Dimensions
    ) -> tuple[Plan | None, list[str]]:
        drivers = tuple(d.code for d in found.drivers)
        refs = tuple(d.ref for d in found.drivers if d.ref)
        if intent.name == "prediction":
            return self.prediction(found, intent, dims, drivers)
        if found.event is not None:
            codes = found.session_codes or DEFAULT_SESSIONS.get(intent.name, (RACE,))
            if intent.name == "grid":
                codes = (RACE,)
            elif intent.name == "pole" and codes == (SPRINT,):
                codes = SPRINT_QUALIFYING  # sprint pole: the sprint qualifying's P1
            elif intent.name == "pole" and not set(codes) & set(SPRINT_QUALIFYING):
                codes = (QUALIFYING,)
            event, code, notes = pick_session(found.event, codes, dims, found.season is not None)
            teams = found.teams
            if teams and found.season is None:
                teams = index_for(dims).team_names(found.team_label, event.season, None)
            editions = tuple(e.event_id for e in index_for(dims).by_name[event.event_name])
            scope = Scope(
                event_id=event.event_id,
                event_name=event.event_name,
                season=event.season,
                session_code=code,
                session_codes=codes if intent.name == "points" else (code,),
                drivers=drivers,
                teams=teams,
                notes=notes,
                driver_refs=refs,
                event_ids=editions,
            )
            if intent.name == "circuit_records":
                return history_plan(intent, scope, dims.tables), []
            return event_plan(intent, scope), notes
        notes = []
        seasons = found.season_range
        if found.season is not None:
            seasons = (found.season, found.season)
        elif seasons is None and intent.name in LATEST_BY_DEFAULT:
            latest = latest_season(dims)
            if latest is not None:
                seasons = (latest, latest)
                notes.append(f"no season given: assumed {latest}")
        elif seasons is None:
            notes.append("no season given: all seasons in the warehouse")
        codes = found.session_codes or (RACE,)
        scope = Scope(
            session_codes=codes,
            seasons=seasons,
            drivers=drivers,
            teams=found.teams,
            driver_refs=refs,
        )
        historic = history_plan(intent, scope, dims.tables)
        if historic is not None:
            return historic, [n for n in notes if "all seasons" not in n]
        if intent.metric in ("championships", "fastest_laps"):
            return None, notes
        return season_plan(intent, scope), notes

    def prediction(
        self, found: Entities, intent: Intent, dims: Dimensions, drivers: tuple[str, ...]
    ) -> tuple[Plan | None, list[str]]:
        """The named race (any edition when no season is named: the latest one predicted), else
        the latest predicted race."""
        event = found.event
        if event is None:
            editions: tuple[str, ...] = ()
            notes = ["no race named: the latest race predicted"]
        elif found.season is not None:
            editions, notes = (event.event_id,), []
        else:
            editions = tuple(
                e.event_id
                for e in dims.events
                if e.event_name == event.event_name or (e.location and e.location == event.location)
            )
            place = event.location or event.event_name
            notes = [f"no season given: the latest race predicted at {place}"]
        notes.append("the models' probabilities (`python -m ml predict`), not a result")
        return prediction_plan(intent, editions, drivers, dims.tables), notes

    def understand(
        self, request: AskRequest, dims: Dimensions, suggest: bool = True
    ) -> Understanding:
        found = extract(request.question, dims, request.season, request.event, request.session)
        intent = intent_of(found)
        if len(found.events) > 1 and set(found.session_codes) - {RACE}:
            found = with_data(found, dims)
        if len(found.events) > 1:
            found = same_place(found, dims)
        if len(found.events) > 1:
            text, options = clarify_events(found)
            return Understanding(found, intent, clarify=text, candidates=options)
        if found.driver_candidates and not found.drivers:
            word, drivers = found.driver_candidates[0]
            names = [d.full_name for d in drivers]
            text = f"{word.title()}: {', '.join(names[:-1])} or {names[-1]}?"
            return Understanding(found, intent, clarify=text, candidates=tuple(names))
        if intent is not None:
            plan, notes = self.plan(found, intent, dims)
            if plan is not None:
                notes = [*found.notes, *notes]
                match = LibraryMatch(plan.entry_id, plan.title, plan.query.sql(), tuple(notes))
                return Understanding(found, intent, match=match)
        suggestions = self.suggest(request.question, found, dims) if suggest else ()
        return Understanding(found, intent, suggestions=suggestions)

    def match(self, request: AskRequest, dims: Dimensions) -> LibraryMatch | None:
        return self.understand(request, dims, suggest=False).match

    def suggest(self, question: str, found: Entities, dims: Dimensions) -> tuple[str, ...]:
        """Up to three questions close to this one that the library answers."""
        from ai.library.suggest import close_questions

        return close_questions(self, question, found, dims)

    def examples(self, question: str, dims: Dimensions, k: int = 3) -> list[tuple[str, str]]:
        """Library questions most similar to `question`, with their SQL (few-shot examples)."""
        ranked = sorted(self.templates, key=lambda t: -fuzz.token_set_ratio(question, t.example))
        shots: list[tuple[str, str]] = []
        for template in ranked:
            rendered = self.match(AskRequest(question=template.example), dims)
            if rendered is not None:
                shots.append((template.example, rendered.sql))
            if len(shots) >= k:
                break
        return shots
