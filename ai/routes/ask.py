"""POST /ask: a question in, SQL + rows + chart spec out, or an ErrorResponse JSON with a code."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ai.concurrency import BusyError
from ai.copilot import Copilot
from ai.counters import record_answer
from ai.deps import CopilotDep, GatesDep
from ai.models import AskRequest, AskResponse, ErrorResponse
from ai.routes import HTTP_REFUSALS

router = APIRouter(tags=["copilot"])


def answer(copilot: Copilot, body: AskRequest) -> Response:
    """The answer as JSON bytes, rendered in the worker thread (rows may be megabytes)."""
    return Response(copilot.ask(body).model_dump_json(), media_type="application/json")


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={
        400: {"model": ErrorResponse, "description": "No safe, working SQL for this question."},
        409: {"model": ErrorResponse, "description": "The question needs clarifying."},
        **HTTP_REFUSALS,
        503: {
            "model": ErrorResponse,
            "description": "Needs the warehouse, or too many questions "
            "at once (busy, with Retry-After).",
        },
    },
)
async def ask(body: AskRequest, copilot: CopilotDep, gates: GatesDep) -> Response:
    """Answer a question about the F1 warehouse with validated, sandboxed, read-only SQL.
    Failures are AskFailedError, turned into ErrorResponse JSON by ai.errors. The work runs in
    a thread of the ask gate (ai.concurrency): a few at once, a bounded queue, then 503 busy."""
    try:
        return await gates.ask.run(lambda: answer(copilot, body))
    except BusyError:
        record_answer(None, "busy")
        raise
