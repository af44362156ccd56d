"""POST /ask: a question in, SQL + rows + chart spec out, or an ErrorResponse JSON with a code."""

from __future__ import annotations

from fastapi import APIRouter

from ai.deps import CopilotDep
from ai.models import AskRequest, AskResponse, ErrorResponse

router = APIRouter(tags=["copilot"])


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={
        400: {"model": ErrorResponse, "description": "No safe, working SQL for this question."},
        409: {"model": ErrorResponse, "description": "The question needs clarifying."},
        500: {"model": ErrorResponse, "description": "Unexpected error (code internal_error)."},
        503: {"model": ErrorResponse, "description": "Needs the language model or the warehouse."},
    },
)
def ask(body: AskRequest, copilot: CopilotDep) -> AskResponse:
    """Answer a question about the F1 warehouse with validated, sandboxed, read-only SQL.
    Failures are AskFailedError, turned into ErrorResponse JSON by ai.errors."""
    return copilot.ask(body)
