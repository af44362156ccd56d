"""Look-up tables built once per warehouse version from its dimensions plus the alias table:
one compiled pattern per entity kind, so parsing a question is a few regex scans."""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from ai.dimensions import Dimensions, DriverRef, EventRef
from ai.library.aliases import (
    CIRCUITS,
    COUNTRIES,
    DEMONYMS,
    DRIVER_NICKNAMES,
    QUESTION_WORDS,
    SAME_COUNTRY,
    TEAM_LINEAGES,
    VOCABULARY,
    plain,
)

WEAK_FIRST_NAMES = frozenset({"max", "will", "lance", "jack", "oscar", "nico", "alex"})


def boundary(keys: list[str]) -> re.Pattern[str]:
    ordered = sorted({k for k in keys if k}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9])")


def short_name(event: EventRef) -> str:
    return plain(event.event_name).removesuffix(" grand prix").strip()


@dataclass
class DimIndex:
    dims: Dimensions
    event_aliases: dict[str, list[tuple[EventRef, int]]]
    event_pattern: re.Pattern[str]
    by_event_id: dict[str, EventRef]
    by_round: dict[tuple[int, int], list[EventRef]]
    by_name: dict[str, list[EventRef]]
    names: dict[str, tuple[DriverRef, ...]]
    name_pattern: re.Pattern[str]
    by_code: dict[str, DriverRef]
    code_pattern: re.Pattern[str]
    last_names: dict[str, DriverRef]
    team_pattern: re.Pattern[str]
    place_words: tuple[str, ...] = ()

    def by_number(self, number: str, season: int | None) -> DriverRef | None:
        found = [d for d in self.dims.drivers if number in d.numbers]
        if len(found) > 1 and season is not None:
            found = [d for d in found if d.first_season <= season <= d.last_season]
        return found[0] if len(found) == 1 else None

    def fuzzy_driver(self, token: str) -> DriverRef | None:
        if token in VOCABULARY or token.endswith("ing"):
            return None
        scored = [
            (JaroWinkler.normalized_similarity(token, name), driver)
            for name, driver in self.last_names.items()
            if name[:1] == token[:1] and len(name) >= 4
        ]
        scored = [s for s in scored if s[0] >= 0.88]
        if not scored:
            return None
        scored.sort(key=lambda s: -s[0])
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        return scored[0][1]

    def fuzzy_place(self, token: str) -> str | None:
        """A misspelt circuit or city ("Silverstne", "Interlagoss") -> its alias."""
        if token in VOCABULARY or token in self.names or token in self.event_aliases:
            return None
        scored = [
            (JaroWinkler.normalized_similarity(token, alias), alias)
            for alias in self.place_words
            if alias[:1] == token[:1]
        ]
        best = max(scored, default=(0.0, ""))
        return best[1] if best[0] >= 0.92 else None

    def team_names(
        self, alias: str, season: int | None, span: tuple[int, int] | None
    ) -> tuple[str, ...]:
        lineage = next((set(line) for line in TEAM_LINEAGES if alias in line), {alias})

        def member(name: str) -> bool:
            key = plain(name)
            return key in lineage or any(key.startswith(f"{m} ") for m in lineage)

        def in_scope(year: int) -> bool:
            if season is not None:
                return year == season
            return span is None or span[0] <= year <= span[1]

        names = sorted({n for y, n in self.dims.team_seasons if member(n) and in_scope(y)})
        if not names:
            names = sorted({t for t in self.dims.teams if member(t)})
        return tuple(names)


def event_aliases(dims: Dimensions) -> dict[str, list[tuple[EventRef, int]]]:
    """alias -> [(event, strength)]: names 4, common/short names 3, cities 2, countries 1."""
    table: dict[str, list[tuple[EventRef, int]]] = defaultdict(list)
    by_location: dict[str, set[str]] = defaultdict(set)
    for event in dims.events:
        by_location[plain(event.location)].add(short_name(event))
    country_alias = defaultdict(list)
    for alias, country in (*COUNTRIES.items(), *DEMONYMS.items()):
        country_alias[country].append(alias)
    for event in dims.events:
        name, short, location = plain(event.event_name), short_name(event), plain(event.location)
        strengths = {name: 4, f"{short} gp": 4, short: 3, location: 2}
        strengths[location.replace("-", " ")] = 2
        for alias, targets in CIRCUITS.items():
            if location in targets or name in targets:
                strengths[alias] = max(strengths.get(alias, 0), 3)
        for other in by_location[location] - {short}:
            for alias in (other, f"{other} gp", f"{other} grand prix"):
                strengths.setdefault(alias, 2)
        country = plain(event.country)
        same = next((group for group in SAME_COUNTRY if country in group), {country})
        for name_of_country in same:
            for alias in (name_of_country, *country_alias[name_of_country]):
                strengths.setdefault(alias, 1)
        for alias, strength in strengths.items():
            if len(alias) >= 3:
                table[alias].append((event, strength))
    return table


def current_last(dims: Dimensions) -> list[DriverRef]:
    """Drivers oldest first, Fast-F1's last: a name shared across eras maps to the current one."""
    return sorted(dims.drivers, key=lambda d: (bool(d.numbers), d.last_season))


def driver_names(dims: Dimensions) -> dict[str, tuple[DriverRef, ...]]:
    """Name forms -> drivers; a history driver's single name that is also a word of questions
    ("Paddy Driver": "driver", "will", "may") needs the full name."""
    names: dict[str, list[DriverRef]] = defaultdict(list)
    by_last = {plain(d.last_name): d for d in current_last(dims)}
    for driver in dims.drivers:
        for name in (driver.full_name, driver.last_name, driver.first_name):
            key = plain(name)
            word = key in VOCABULARY or key in QUESTION_WORDS
            if word and not driver.numbers and key != plain(driver.full_name):
                continue
            if len(key) >= 3 and key not in WEAK_FIRST_NAMES and driver not in names[key]:
                names[key].append(driver)
    for nickname, last in DRIVER_NICKNAMES.items():
        if last in by_last:
            names[nickname] = [by_last[last]]
    return {k: tuple(v) for k, v in names.items()}


def build_index(dims: Dimensions) -> DimIndex:
    aliases = event_aliases(dims)
    names = driver_names(dims)
    by_round: dict[tuple[int, int], list[EventRef]] = defaultdict(list)
    by_name: dict[str, list[EventRef]] = defaultdict(list)
    for event in dims.events:
        by_round[(event.season, event.round)].append(event)
        by_name[event.event_name].append(event)
    teams = [m for line in TEAM_LINEAGES for m in line]
    teams += [plain(t) for t in dims.teams]
    teams += [re.sub(r"\s+(f1 team|racing|team|f1)$", "", plain(t)) for t in dims.teams]
    by_code = {d.code: d for d in dims.drivers if re.fullmatch(r"[A-Z]{3}", d.code)}
    return DimIndex(
        dims=dims,
        event_aliases=aliases,
        event_pattern=boundary(list(aliases)),
        by_event_id={e.event_id: e for e in dims.events},
        by_round=by_round,
        by_name=by_name,
        names=names,
        name_pattern=boundary(list(names)),
        by_code=by_code,
        code_pattern=re.compile(r"\b(" + "|".join(sorted(by_code) or ["(?!x)x"]) + r")\b"),
        last_names={plain(d.last_name): d for d in current_last(dims)},
        team_pattern=boundary(teams),
        place_words=tuple(
            sorted(
                a
                for a, hits in aliases.items()
                if " " not in a and len(a) >= 5 and max(h[1] for h in hits) >= 2
            )
        ),
    )


_LOCK = threading.Lock()
_CACHE: list[tuple[Dimensions, DimIndex]] = []


def index_for(dims: Dimensions) -> DimIndex:
    """The index of one Dimensions object (kept for the last few warehouse versions)."""
    with _LOCK:
        for known, index in _CACHE:
            if known is dims:
                return index
        index = build_index(dims)
        _CACHE.insert(0, (dims, index))
        del _CACHE[4:]
        return index
