"""POST /ask: a question in, SQL + rows + chart spec out (or a JSON error, never a 500)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ai.copilot import AskFailedError
from ai.deps import CopilotDep
from ai.models import AskRequest, AskResponse, ErrorResponse

router = APIRouter(tags=["copilot"])


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={
        400: {"model": ErrorResponse, "description": "No safe, working SQL for this question."},
        503: {"model": ErrorResponse, "description": "Needs the language model or the warehouse."},
    },
)
def ask(body: AskRequest, copilot: CopilotDep) -> AskResponse | JSONResponse:
    """Answer a question about the F1 warehouse with validated, sandboxed, read-only SQL."""
    try:
        return copilot.ask(body)
    except AskFailedError as failure:
        payload = ErrorResponse(
            error=failure.code,
            message=failure.message,
            question=body.question,
            sql=failure.sql,
            source="llm" if failure.source == "llm" else "library" if failure.source else None,
            notes=failure.notes,
            timings=failure.timings,
        )
        return JSONResponse(status_code=failure.status, content=payload.model_dump())
