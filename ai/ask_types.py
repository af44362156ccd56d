"""What the /ask pipeline's parts share (ai.copilot, ai.model_answer): the typed failure every
path raises, its HTTP status, and one validated, executed query."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ai.models import ErrorCode, Timings
from ai.sandbox import QueryResult
from ai.validation import ValidatedSql

HTTP_STATUS: dict[ErrorCode, int] = {
    "needs_llm": 422,
    "model_unavailable": 503,
    "warehouse_missing": 503,
    "rejected": 400,
    "model_output_invalid": 400,
    "query_failed": 400,
    "timeout": 400,
    "resource_limit": 400,
    "warehouse_unreadable": 503,
    "internal_error": 503,
    "ambiguous": 409,
}


@dataclass
class AskFailedError(Exception):
    """No answer; carries the code, a one-line message and what was tried."""

    code: ErrorCode
    message: str
    sql: str | None = None
    source: str | None = None
    notes: list[str] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    question: str = ""

    @property
    def status(self) -> int:
        return HTTP_STATUS[self.code]


@dataclass
class Executed:
    validated: ValidatedSql
    result: QueryResult
    validate_ms: float


def ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000.0, 3)
