"""HTTP routes of the copilot: /ask, /health, /schema, /predict."""

from __future__ import annotations

from ai.models import ErrorResponse, ValidationErrorResponse

# The refusals of the HTTP layer (ai.http_limits, ai.errors), documented on the POST routes.
HTTP_REFUSALS: dict[int | str, dict[str, object]] = {
    408: {"model": ErrorResponse, "description": "The body did not arrive in time."},
    413: {"model": ErrorResponse, "description": "The body is too large."},
    422: {
        "model": ValidationErrorResponse,
        "description": "Not strict JSON (invalid_json) or not the request's schema "
        "(invalid_request: where and why, never the input); on /ask also a question only "
        "the language model could answer while none is reachable (needs_llm).",
    },
}
