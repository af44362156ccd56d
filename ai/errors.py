"""The FastAPI exception handlers that turn the copilot's typed errors into JSON (the errors
themselves: ai.failures, the pipeline's AskFailedError, ml.errors).

Every failure leaves the API as an ErrorResponse with a code: the pipeline's AskFailedError with
its own status, a missing or unreadable warehouse as 503 with the command that rebuilds it, an
unknown race of POST /predict as 404 `race_not_found`, no trained model as 503 `model_missing`
(run `python -m ml train`), too many questions at once as 503 `busy` with Retry-After, a body that
fails validation as 422 `invalid_request` (at most MAX_LISTED errors, each its `loc` and `msg`,
never the input, so it always serialises), and anything unexpected as 503 `internal_error`
(logged with its traceback), never an HTML 500. Bodies too large, too slow or not strict JSON
are refused before the app reads them (ai.http_limits: 413, 408, 422 `invalid_json`).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ai import failures
from ai.ask_types import AskFailedError
from ai.concurrency import BusyError
from ai.failures import WAREHOUSE_ERRORS
from ai.models import ErrorCode, ErrorResponse, FieldError, ValidationErrorResponse
from ml.errors import NoModelError, NoSuchRaceError

log = logging.getLogger(__name__)

MAX_LISTED = 10  # validation errors listed in a 422
LOC_CHARS, MSG_CHARS = 40, 200  # longest part of a loc (a key may be the client's), message


def error_json(status: int, code: ErrorCode, message: str, **fields: object) -> JSONResponse:
    body = ErrorResponse(error=code, message=message, **fields)  # type: ignore[arg-type]
    return JSONResponse(body.model_dump(), status_code=status)


async def http_error(request: Request, error: Exception) -> JSONResponse:
    """HTTP errors raised by the framework (e.g. a body that is not JSON) in the ErrorResponse
    shape, so every documented 400 looks the same."""
    assert isinstance(error, HTTPException)
    if error.status_code != 400:
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=error.headers
        )
    return error_json(400, "bad_request", str(error.detail))


def one_line(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters, UTF-8 encodable (a lone surrogate is ?)."""
    text = " ".join(text.split()).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 3] + "..."


async def invalid_request(request: Request, error: Exception) -> JSONResponse:
    """422 `invalid_request`: where and why the body failed validation, never what was sent
    (FastAPI's default handler echoes the input and may then fail to serialise it)."""
    assert isinstance(error, RequestValidationError)
    found = list(error.errors())
    listed = [
        FieldError(
            loc=[p if isinstance(p, int) else one_line(str(p), LOC_CHARS) for p in item["loc"]],
            msg=one_line(str(item.get("msg", "invalid")), MSG_CHARS),
        )
        for item in found[:MAX_LISTED]
    ]
    message = f"the request does not match the schema ({len(found)} error(s))"
    if listed:
        where = ".".join(str(part) for part in listed[0].loc)
        message += f": {where}: {listed[0].msg}"
    body = ValidationErrorResponse(error="invalid_request", message=message, errors=listed)
    return JSONResponse(body.model_dump(), status_code=422)


async def busy(request: Request, error: Exception) -> JSONResponse:
    """503 `busy` with Retry-After: too many jobs of this kind running and waiting."""
    assert isinstance(error, BusyError)
    response = error_json(503, "busy", str(error))
    response.headers["retry-after"] = str(error.retry_after_s)
    return response


# The typed errors that map straight to a status and a code (one table: the handlers answer with
# it, and POST /predict counts its outcomes by the same codes).
TYPED_ERRORS: dict[type[Exception], tuple[int, ErrorCode]] = {
    **WAREHOUSE_ERRORS,
    NoSuchRaceError: (404, "race_not_found"),
    NoModelError: (503, "model_missing"),
}


def typed_error(error: Exception) -> tuple[int, ErrorCode]:
    """(status, code) of a typed error (the first table entry it is an instance of)."""
    return failures.typed_error(error, TYPED_ERRORS)


async def typed_error_json(request: Request, error: Exception) -> JSONResponse:
    status, code = typed_error(error)
    return error_json(status, code, str(error))


async def ask_failed(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AskFailedError)
    source = "llm" if error.source == "llm" else "library" if error.source else None
    return error_json(
        error.status,
        error.code,
        error.message,
        question=error.question,
        sql=error.sql,
        source=source,
        notes=error.notes,
        timings=error.timings,
    )


class CatchAll:
    """Outermost ASGI middleware: an exception nobody handled becomes a 503 `internal_error`
    JSON body (logged with its traceback) instead of Starlette's plain-text 500: the service
    never answers 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as error:
            if started:
                raise
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            message = f"internal error ({type(error).__name__}); the copilot logged the details"
            await error_json(503, "internal_error", message)(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(BusyError, busy)
    for kind in TYPED_ERRORS:
        app.add_exception_handler(kind, typed_error_json)
    app.add_exception_handler(AskFailedError, ask_failed)
    app.add_middleware(CatchAll)
