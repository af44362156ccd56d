"""The semantic path before the parser: a question the semantic reader (ai.semantic) reads is
answered from its typed query; one it does not read keeps the parser's understanding."""

from __future__ import annotations

import logging
from dataclasses import replace

from ai.library import LibraryMatch, Understanding
from ai.models import AskRequest
from ai.semantic import SemanticReader

log = logging.getLogger(__name__)


def semantic_first(
    reader: SemanticReader | None, request: AskRequest, understood: Understanding
) -> Understanding:
    """The reader's match replaces the parser's (and any clarification it asked); SQL or other
    hostile text leaves no match at all. A question with a season, event or session field keeps
    the parser's understanding (the reader reads the text only)."""
    if reader is None or request.season or request.event or request.session:
        return understood
    try:
        read = reader.answer(request.question)
    except Exception:  # the parser still answers when the semantic path cannot
        log.exception("semantic reader failed on %r", request.question[:200])
        return understood
    if read.hostile:
        return Understanding(understood.entities, None)
    if read.sql is None:
        return understood
    match = LibraryMatch(read.entry_id, request.question[:80], read.sql, read.notes)
    return replace(understood, match=match, clarify=None, candidates=())
