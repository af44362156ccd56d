"""Finds the entities of a question among the warehouse's own dimension values.

Drivers by code (VER), last or full name and car number; teams by name or a distinctive part of
it; events by name ("Spanish Grand Prix", "Spanish GP", "Spain"), country, location (circuit
city) or event_id; seasons; rounds; session types by code or name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ai.schema_catalog import Dimensions, DriverRef, EventRef
from f1lake.sessions import all_codes

SESSION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"sprint[ -]?(qualifying|quali|shootout)\b|\bSQ\b|\bSS\b", ("SQ", "SS")),
    (r"\bsprint\b", ("S",)),
    (r"\bfp1\b|practice 1\b|first practice|free practice 1\b", ("FP1",)),
    (r"\bfp2\b|practice 2\b|second practice|free practice 2\b", ("FP2",)),
    (r"\bfp3\b|practice 3\b|third practice|free practice 3\b", ("FP3",)),
    (r"\bqualifying\b|\bquali\b|\bpole\b|\bQ\b|\bq[123]\b", ("Q",)),
    (r"\brace\b|\bR\b", ("R",)),
)
SESSION_CODES = all_codes()
TEAM_SUFFIXES = re.compile(r"\s+(f1 team|racing|team|f1)$")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain(text: str) -> str:
    """Lower case without accents ("São Paulo" -> "sao paulo")."""
    return strip_accents(text).lower()


def words(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Entities:
    season: int | None = None
    round: int | None = None
    event_name: str | None = None
    event: EventRef | None = None
    session_codes: tuple[str, ...] = ()
    drivers: tuple[DriverRef, ...] = ()
    team: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def short_name(event: EventRef) -> str:
    return plain(event.event_name).removesuffix(" grand prix").strip()


def event_aliases(event: EventRef, dims: Dimensions) -> list[tuple[str, int]]:
    """(alias, strength): event names beat locations beat countries (and the names other
    events in the same country had, e.g. "Brazilian" for the Sao Paulo Grand Prix)."""
    name = plain(event.event_name)
    short = short_name(event)
    aliases = [(name, 3), (f"{short} gp", 3), (plain(event.location), 2)]
    aliases.append((plain(event.country), 1))
    aliases += [(short_name(e), 1) for e in dims.events if e.country == event.country]
    if short != name:
        aliases.append((short, 2))
    return [(a, s) for a, s in aliases if len(a) >= 3]


def team_aliases(team: str, teams: tuple[str, ...]) -> list[str]:
    full = team.lower()
    aliases = {full, TEAM_SUFFIXES.sub("", full)}
    first = full.split()[0]
    if len(first) >= 5 and sum(t.lower().split()[0] == first for t in teams) == 1:
        aliases.add(first)
    if full.startswith("red bull"):
        aliases.add("red bull")
    return [a for a in aliases if len(a) >= 3]


def find_season(text: str, request_season: int | None) -> int | None:
    if request_season is not None:
        return request_season
    found = re.search(r"\b(19[5-9]\d|20\d\d)\b", text)
    return int(found.group(1)) if found else None


def find_session(text: str, request_session: str | None) -> tuple[str, ...]:
    if request_session:
        code = request_session.strip().upper()
        if code in SESSION_CODES:
            return (code,)
        text = request_session
    for pattern, codes in SESSION_WORDS:
        flags = 0 if pattern.endswith((r"\bR\b", r"\bQ\b", r"\bSS\b")) else re.IGNORECASE
        if re.search(pattern, text, flags):
            return codes
    return ()


def find_event_name(text: str, dims: Dimensions, season: int | None) -> tuple[str | None, int]:
    best: tuple[int, int, str] | None = None
    text = plain(text)
    for event in dims.events:
        if season is not None and event.season != season:
            continue
        for alias, strength in event_aliases(event, dims):
            if words(alias).search(text):
                key = (strength, len(alias), event.event_name)
                if best is None or key > best:
                    best = key
    return (best[2], best[0]) if best else (None, 0)


def find_drivers(text: str, dims: Dimensions) -> tuple[DriverRef, ...]:
    hits: list[tuple[int, DriverRef]] = []
    for driver in dims.drivers:
        positions = [m.start() for m in re.finditer(rf"\b{re.escape(driver.code)}\b", text)]
        for name in (driver.full_name, driver.last_name):
            if len(name) >= 3:
                positions += [m.start() for m in words(name).finditer(text)]
        for number in driver.numbers:
            pattern = rf"(?:#|\bnumber |\bcar |\bno\.? ?){re.escape(number)}\b"
            positions += [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]
        if positions:
            hits.append((min(positions), driver))
    return tuple(d for _, d in sorted(hits, key=lambda h: h[0]))


def find_team(text: str, dims: Dimensions) -> str | None:
    best: tuple[int, str] | None = None
    for team in dims.teams:
        for alias in team_aliases(team, dims.teams):
            if words(alias).search(text) and (best is None or len(alias) > best[0]):
                best = (len(alias), team)
    return best[1] if best else None


def extract(
    text: str,
    dims: Dimensions,
    season: int | None = None,
    event: str | None = None,
    session: str | None = None,
) -> Entities:
    """Entities of a question (explicit request fields win over words in the question)."""
    found_season = find_season(text, season)
    round_hit = re.search(r"\bround (\d{1,2})\b", text, re.IGNORECASE)
    round_number = int(round_hit.group(1)) if round_hit else None
    event_name, _ = find_event_name(event or text, dims, found_season)
    if event_name is None and found_season is not None:
        event_name, _ = find_event_name(event or text, dims, None)
    if event and event_name is None:
        matched = [e for e in dims.events if e.event_id == event.strip()]
        if matched:
            event_name, found_season = matched[0].event_name, matched[0].season
    id_hit = re.search(r"\b(20\d\d)-(\d\d)\b", text)
    if event_name is None and id_hit:
        matched = [e for e in dims.events if e.event_id == id_hit.group(0)]
        if matched:
            event_name, found_season = matched[0].event_name, matched[0].season
    if event_name is None and round_number is not None and found_season is not None:
        matched = [e for e in dims.events if (e.season, e.round) == (found_season, round_number)]
        event_name = matched[0].event_name if matched else None
    scrubbed = strip_accents(text)
    if event_name is not None:
        scrubbed = words(strip_accents(event_name)).sub(" ", scrubbed)
    return Entities(
        season=found_season,
        round=round_number,
        event_name=event_name,
        session_codes=find_session(scrubbed, session),
        drivers=find_drivers(text, dims),
        team=find_team(text, dims),
    )
