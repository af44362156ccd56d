"""The semantic path before the parser: a question the semantic reader (ai.semantic) reads is
answered from its typed query; one it does not read keeps the parser's understanding."""

from __future__ import annotations

import logging
from dataclasses import replace

from ai.library import LibraryMatch, Understanding
from ai.library.entities import Entities
from ai.models import AskRequest
from ai.semantic import SemanticReader, TypedQuery
from f1lake.sessions import RACE_LIKE

log = logging.getLogger(__name__)

# The parser's session sheets: a question about ONE session (one event of one season) that the
# parser reads as one of these keeps the parser's answer, the session's sheet with codes, teams
# and times, rather than a metric counted over that session ("wins: 1").
SESSION_SHEETS = frozenset({"position", "podium", "top_n", "session_results"})
# The parser's readings of one named session whose answer is a sheet the typed query has no
# shape for yet: the gap between two drivers in a named session (qualifying or race) and a team's
# points in that race keep the parser's answer; the table after a round keeps it when the reader
# would answer one number.
SESSION_GAP = "gap"
TEAM_POINTS = "points"
TABLE_AFTER_ROUND = "standings_after_round"


def same_seasons(query: TypedQuery | None, found: Entities) -> bool:
    if query is None:
        return False
    parsed = found.season_range or ((found.season,) * 2 if found.season is not None else None)
    return query.filters.seasons == parsed


def semantic_first(
    reader: SemanticReader | None, request: AskRequest, understood: Understanding
) -> Understanding:
    """The reader's match replaces the parser's (and any clarification it asked); SQL or other
    hostile text leaves no match at all. A question with a season, event or session field keeps
    the parser's understanding (the reader reads the text only)."""
    if reader is None or request.season or request.event or request.session:
        return understood
    found = understood.entities
    one_session = (
        found.event is not None and found.season is not None and understood.match is not None
    )
    if understood.clarify is not None and found.season is not None:
        return understood  # one season, several races at the place named: asked back
    intent = understood.intent
    name = intent.name if intent is not None else None
    if one_session and (name == TEAM_POINTS or (name == SESSION_GAP and bool(found.session_codes))):
        return understood
    race_sheet = set(found.session_codes) <= set(
        RACE_LIKE
    )  # qualifying: fct_qualifying, the reader's
    sheet = one_session and race_sheet and intent is not None and intent.name in SESSION_SHEETS
    try:
        read = reader.answer(request.question)
    except Exception:  # the parser still answers when the semantic path cannot
        log.exception("semantic reader failed on %r", request.question[:200])
        return understood
    if sheet and (read.query is None or read.query.shape != "value"):
        return understood  # who, of one race: the sheet; one number (a lap, a count): the reader
    table = one_session and name == TABLE_AFTER_ROUND
    if table and (read.query is None or read.query.shape == "value"):
        return understood  # the standings after a round: a table, not one number
    if read.hostile:
        return Understanding(understood.entities, None)
    if read.sql is None:
        return understood
    match = LibraryMatch(read.entry_id, request.question[:80], read.sql, read.notes)
    # the parser's answer when the reader's finds nothing, if both read the same seasons (a
    # season the warehouse lacks, "the 1949 championship", is nothing, never every season)
    fallback = understood.match if same_seasons(read.query, found) else None
    return replace(understood, match=match, clarify=None, candidates=(), fallback=fallback)
