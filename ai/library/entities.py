"""Entities of a question, resolved against the warehouse's own dimensions plus the alias table.

Seasons (2024, "last year", "this season", "since 2010", "2019-2021"), rounds, events (official
name, "Spanish GP", country, city, circuit and common names), session codes, drivers (code, first,
last or full name, car number, nicknames; accent- and case-insensitive, typos via rapidfuzz) and
teams (with their historic names). An event that two or more events fit equally well comes back
as several candidates: the caller asks which one was meant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ai.dimensions import Dimensions, DriverRef, EventRef
from ai.library.aliases import SESSION_PHRASES, plain
from ai.library.index import WEAK_FIRST_NAMES, DimIndex, index_for
from f1lake.sessions import QUALIFYING, all_codes

SESSION_CODES = all_codes()


@dataclass(frozen=True)
class Entities:
    season: int | None = None
    season_range: tuple[int, int] | None = None  # inclusive, "since 2010" / "2019-2021"
    round: int | None = None
    events: tuple[EventRef, ...] = ()  # one = resolved; more = the candidates to ask about
    event_words: str = ""
    session_codes: tuple[str, ...] = ()
    drivers: tuple[DriverRef, ...] = ()
    driver_candidates: tuple[tuple[str, tuple[DriverRef, ...]], ...] = ()
    teams: tuple[str, ...] = ()  # team names (all spellings of the lineage in scope)
    team_label: str = ""
    rest: str = ""  # the question with the entities' words blanked out (for the intent)
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def event(self) -> EventRef | None:
        return self.events[0] if len(self.events) == 1 else None

    @property
    def event_name(self) -> str | None:  # kept for callers of the former entity finder
        return self.event.event_name if self.event else None


def this_season(dims: Dimensions) -> int:
    year = dt.date.today().year
    if not dims.seasons or year in dims.seasons:
        return year
    return max(dims.seasons)


def blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def find_seasons(text: str, dims: Dimensions) -> tuple[int | None, tuple[int, int] | None, str]:
    now = this_season(dims)
    top = max(dims.seasons) if dims.seasons else now
    relative = (
        (r"\b(last|previous|past) (year|season)\b", now - 1),
        (r"\b(this|current|the current) (year|season)\b|\bthis year s\b", now),
        (r"\byear before last\b", now - 2),
    )
    for pattern, relative_year in relative:
        hit = re.search(pattern, text)
        if hit:
            return relative_year, None, blank(text, *hit.span())
    span = re.search(
        r"\b(?:between|from) (19[5-9]\d|20\d\d) (?:and|to|until) (19[5-9]\d|20\d\d)\b"
        r"|\b(19[5-9]\d|20\d\d) ?(?:-|to) ?(19[5-9]\d|20\d\d)\b",
        text,
    )
    if span:
        lo, hi = sorted(int(g) for g in span.groups() if g)
        return None, (lo, hi), blank(text, *span.span())
    since = re.search(r"\b(?:since|from|after) (19[5-9]\d|20\d\d)\b", text)
    if since:
        return None, (int(since.group(1)), top), blank(text, *since.span())
    year = re.search(r"\b(19[5-9]\d|20\d\d)\b|(?:^|\s)'(\d\d)\b", text)
    if year:
        value = int(year.group(1)) if year.group(1) else 2000 + int(year.group(2))
        return value, None, blank(text, *year.span())
    return None, None, text


def find_round(text: str) -> tuple[int | None, str]:
    hit = re.search(r"\bround (\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th) round\b|\br(\d{1,2})\b", text)
    if not hit:
        return None, text
    return int(next(g for g in hit.groups() if g)), blank(text, *hit.span())


def find_session(text: str, requested: str | None, original: str = "") -> tuple[str, ...]:
    if re.search(r"\b(in|of|at|the) Q\b", original):  # a bare "Q" only in capitals
        return (QUALIFYING,)
    if requested:
        code = requested.strip().upper()
        if code in SESSION_CODES:
            return (code,)
        text = plain(requested)
    for pattern, codes in SESSION_PHRASES:
        if re.search(pattern, text):
            return codes
    return ()


def find_events(
    text: str, index: DimIndex, season: int | None, span: tuple[int, int] | None
) -> tuple[tuple[EventRef, ...], str, str]:
    """(candidate events, the words that matched, text without them)."""
    best: dict[str, tuple[int, EventRef]] = {}
    words, strongest, cut = "", 0, None
    for hit in index.event_pattern.finditer(text):
        for event, strength in index.event_aliases[hit.group(0)]:
            if season is not None and event.season != season:
                continue
            if span is not None and not span[0] <= event.season <= span[1]:
                continue
            if strength > strongest:
                best, strongest, words, cut = {}, strength, hit.group(0), hit.span()
            if strength == strongest:
                held = best.get(event.event_name)
                if held is None or event.season > held[1].season:
                    best[event.event_name] = (strength, event)
    if cut is not None:
        text = blank(text, *cut)
    return tuple(e for _, e in best.values()), words, text


def prefer_current(found: tuple[DriverRef, ...]) -> tuple[DriverRef, ...]:
    """ "Lewis", "Verstappen": the driver of the Fast-F1 era when the others raced long ago
    (Jack Lewis, Jos Verstappen); "Schumacher" or "Rosberg" stay ambiguous."""
    current = [d for d in found if d.numbers]
    others = [d for d in found if not d.numbers]
    if len(current) == 1 and all(d.last_season < 2005 for d in others):
        return (current[0],)
    return found


def find_drivers(
    original: str, text: str, index: DimIndex, season: int | None
) -> tuple[tuple[DriverRef, ...], tuple[tuple[str, tuple[DriverRef, ...]], ...], str]:
    hits: list[tuple[int, DriverRef]] = []
    unsure: list[tuple[str, tuple[DriverRef, ...]]] = []
    for code_hit in index.code_pattern.finditer(original):
        hits.append((code_hit.start(), index.by_code[code_hit.group(0)]))
    for hit in index.name_pattern.finditer(text):
        found = index.names[hit.group(0)]
        if len(found) > 1 and season is not None:
            found = tuple(d for d in found if d.first_season <= season <= d.last_season) or found
        if len(found) > 1:
            found = prefer_current(found)
        if len(found) == 1:
            hits.append((hit.start(), found[0]))
        else:
            unsure.append((hit.group(0), found))
        text = blank(text, *hit.span())
    for weak in WEAK_FIRST_NAMES:  # "Max" only as a capitalised name, not "max speed"
        word = weak.capitalize()
        if re.search(rf"\b{word}\b(?! (?:speed|temp|track|air|wind|humidity|number))", original):
            named = [d for d in index.dims.drivers if plain(d.first_name) == weak]
            if len(named) > 1 and season is not None:
                named = [d for d in named if d.first_season <= season <= d.last_season]
            if len(named) == 1:
                hits.append((original.index(word), named[0]))
    for hit in re.finditer(r"(?:#|\bnumber |\bcar |\bno ?)(\d{1,2})\b", text):
        driver = index.by_number(hit.group(1), season)
        if driver is not None:
            hits.append((hit.start(), driver))
            text = blank(text, *hit.span())
    for hit in re.finditer(r"[a-z]{5,}", text):
        driver = index.fuzzy_driver(hit.group(0))
        if driver is not None:
            hits.append((hit.start(), driver))
            text = blank(text, *hit.span())
    ordered: list[DriverRef] = []
    for _, driver in sorted(hits, key=lambda h: h[0]):
        if driver not in ordered:
            ordered.append(driver)
    unsure = [(w, c) for w, c in unsure if not set(c) & set(ordered)]
    return tuple(ordered), tuple(unsure), text


def find_team(
    text: str, index: DimIndex, season: int | None, span: tuple[int, int] | None
) -> tuple[tuple[str, ...], str, str]:
    names: list[str] = []
    label = ""
    for hit in index.team_pattern.finditer(text):
        names += [n for n in index.team_names(hit.group(0), season, span) if n not in names]
        label = label or hit.group(0)
        text = blank(text, *hit.span())
    return tuple(names), label, text


def renamed(label: str, teams: tuple[str, ...], season: int | None) -> tuple[str, ...]:
    """A team named as it was not called that season ("Racing Point in 2024"): say whose rows
    answer (the same team under its name then)."""
    if not label or not teams or season is None:
        return ()
    squeezed = label.replace(" ", "")
    if any(squeezed in plain(t).replace(" ", "") for t in teams):
        return ()
    return (f"no team raced as {label.title()} in {season}: the same team was {', '.join(teams)}",)


def extract(
    question: str,
    dims: Dimensions,
    season: int | None = None,
    event: str | None = None,
    session: str | None = None,
) -> Entities:
    """Entities of a question (explicit request fields win over words in the question)."""
    index = index_for(dims)
    text = plain(question)
    found_season, span, text = find_seasons(text, dims)
    if season is not None:
        found_season, span = season, None
    round_number, text = find_round(text)
    events: tuple[EventRef, ...] = ()
    words = ""
    id_hit = re.search(r"\b(\d{4})-(\d\d)\b", (event or "") + " " + question)
    if id_hit and id_hit.group(0) in index.by_event_id:
        events = (index.by_event_id[id_hit.group(0)],)
        text = text.replace(id_hit.group(0), " ")
    elif event:
        events, words, _ = find_events(plain(event), index, found_season, span)
    if not events:
        events, words, text = find_events(text, index, found_season, span)
    if not events:  # a misspelt circuit or city
        for hit in re.finditer(r"[a-z]{6,}", text):
            place = index.fuzzy_place(hit.group(0))
            if place is not None:
                fixed = text[: hit.start()] + place + text[hit.end() :]
                events, words, text = find_events(fixed, index, found_season, span)
                break
    if not events and round_number is not None and found_season is not None:
        events = tuple(index.by_round.get((found_season, round_number), ()))
    sessions = find_session(text, session, question)
    teams, label, text = find_team(text, index, found_season, span)
    drivers, unsure, text = find_drivers(question, text, index, found_season)
    return Entities(
        notes=renamed(label, teams, found_season),
        season=found_season,
        season_range=span,
        round=round_number,
        events=events,
        event_words=words,
        session_codes=sessions,
        drivers=drivers,
        driver_candidates=unsure,
        teams=teams,
        team_label=label,
        rest=re.sub(r"\s+", " ", text).strip(),
    )
