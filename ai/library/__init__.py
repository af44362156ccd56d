"""Query library: matches a question to a parameterised F1 question and renders its SQL.

Used three ways: few-shot examples in the model's prompt, the answer when the model is down or
its SQL is unusable (source "library"), and the benchmark of the non-model path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ai.library.entities import Entities, extract
from ai.library.registry import TEMPLATES
from ai.library.templates import Template
from ai.models import AskRequest
from ai.schema_catalog import Dimensions, EventRef

__all__ = ["TEMPLATES", "LibraryMatch", "QueryLibrary", "Template"]


@dataclass(frozen=True)
class LibraryMatch:
    entry_id: str
    title: str
    sql: str
    notes: tuple[str, ...]


def literal(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def satisfied(template: Template, found: Entities) -> bool:
    checks = {
        "event": found.event_name is not None,
        "driver": len(found.drivers) >= 1,
        "two_drivers": len(found.drivers) >= 2,
        "team": found.team is not None,
        "no_event": found.event_name is None,
        "no_driver": not found.drivers,
        "season": True,
    }
    return all(checks[need] for need in template.needs)


def score(template: Template, found: Entities, text: str) -> tuple[int, int] | None:
    hits = [m.group(0) for m in re.finditer(template.triggers, text, re.IGNORECASE)]
    if not hits or not satisfied(template, found):
        return None
    weights = {"event": 1, "driver": 1, "two_drivers": 2, "team": 1}
    specificity = sum(weights.get(n, 0) for n in template.needs)
    if "season" in template.needs and found.season is not None:
        specificity += 1
    return specificity, max(len(h) for h in hits)


class QueryLibrary:
    """Matches questions against TEMPLATES using the warehouse's own dimension values."""

    def __init__(self, templates: tuple[Template, ...] = TEMPLATES) -> None:
        self.templates = templates

    def best(self, text: str, found: Entities) -> Template | None:
        scored = [(score(t, found, text), -i, t) for i, t in enumerate(self.templates)]
        ranked = sorted(((s, i, t) for s, i, t in scored if s is not None), reverse=True)
        return ranked[0][2] if ranked else None

    def match(self, request: AskRequest, dims: Dimensions) -> LibraryMatch | None:
        found = extract(request.question, dims, request.season, request.event, request.session)
        template = self.best(request.question, found)
        return None if template is None else self.render(template, found, dims)

    def render(self, template: Template, found: Entities, dims: Dimensions) -> LibraryMatch | None:
        notes: list[str] = []
        season = found.season
        values: dict[str, str | int] = {}
        if "event" in template.needs:
            codes = found.session_codes or (template.session or "R",)
            event, code = resolve_event(found, codes, dims, notes)
            if event is None:
                return None
            season = event.season
            values |= {
                "event_id": event.event_id, "event_name": event.event_name,
                "session_code": code, "session_id": f"{event.event_id}-{code}",
            }  # fmt: skip
        if season is None and "{season}" in template.sql:
            season = latest_season(dims)
            if season is None:
                return None
            notes.append(f"no season given: assumed {season}")
        if season is not None:
            values["season"] = season
        if found.drivers:
            values["d1"] = found.drivers[0].code
        if len(found.drivers) > 1:
            values["d2"] = found.drivers[1].code
        if found.team is not None:
            values["team"] = found.team
        if found.round is not None:
            values["round"] = found.round
        try:
            sql = template.sql.format(**{k: literal(v) for k, v in values.items()})
            title = template.title.format(**{k: str(v) for k, v in values.items()})
        except KeyError:
            return None
        return LibraryMatch(template.id, title, sql, tuple(notes))

    def examples(self, question: str, dims: Dimensions, k: int = 3) -> list[tuple[str, str]]:
        """Library questions most similar to `question`, with their SQL (few-shot examples)."""
        words = set(re.findall(r"[a-z]+", question.lower()))
        ranked = sorted(
            self.templates,
            key=lambda t: -len(words & set(re.findall(r"[a-z]+", t.example.lower()))),
        )
        shots: list[tuple[str, str]] = []
        for template in ranked:
            found = extract(template.example, dims)
            rendered = self.render(template, found, dims) if satisfied(template, found) else None
            if rendered is not None:
                shots.append((template.example, rendered.sql))
            if len(shots) >= k:
                break
        return shots


def latest_season(dims: Dimensions) -> int | None:
    with_results = [s.season for s in dims.sessions if s.has_results and s.session_code == "R"]
    if with_results:
        return max(with_results)
    return max(dims.seasons) if dims.seasons else None


def resolve_event(
    found: Entities, codes: tuple[str, ...], dims: Dimensions, notes: list[str]
) -> tuple[EventRef | None, str]:
    """The event (and session code) meant: the named season, else the latest one with data."""
    candidates = [e for e in dims.events if e.event_name == found.event_name]
    if found.season is not None:
        candidates = [e for e in candidates if e.season == found.season]
    if not candidates:
        return None, codes[0]
    present = {(s.event_id, s.session_code): s for s in dims.sessions}

    def has(event: EventRef, code: str) -> bool:
        session = present.get((event.event_id, code))
        return session is not None and (session.has_results or session.has_laps)

    ordered = sorted(candidates, key=lambda e: e.season, reverse=True)
    for event in ordered:
        for code in codes:
            if has(event, code):
                if found.season is None:
                    notes.append(f"no season given: used {event.season}")
                return event, code
    event = ordered[0]
    notes.append(f"session {codes[0]} of {event.event_name} {event.season} is not in the warehouse")
    return event, codes[0]
