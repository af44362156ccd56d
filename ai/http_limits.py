"""Limits on request bodies, enforced before anything in the app reads one (a pure ASGI middleware).

For POST, PUT and PATCH, `BodyLimits` reads the whole body itself, then replays the same bytes
to the app:

- size: a Content-Length above `max_bytes` is refused before reading, and the bytes are counted
  while they arrive (chunked bodies too): 413 `payload_too_large` as soon as the cap is passed,
  the rest is never read. The default cap, 64 KiB, is far above the largest legitimate body
  (a 1000-character question: at most 12 KB even with every character an escaped surrogate
  pair, \ud83d\ude00);
- time: the whole body must arrive within `timeout_s` of the app receiving the request's
  headers, else 408 `request_timeout` (a client that trickles or withholds its body);
- JSON: a body the framework would parse as JSON (application/json or */*+json, the same test
  as FastAPI's) is parsed strictly first: UTF-8 only, no NaN/Infinity/-Infinity, no number
  that overflows to inf (1e999), no lone UTF-16 surrogate (\\ud800) in any string or key, at
  most MAX_DEPTH levels of nesting and MAX_ITEMS values, else 422 `invalid_json`.

Parsing a body of at most INLINE_PARSE_BYTES (64 KiB, about a millisecond of json.loads) is done
on the event loop; a larger body (only with a cap raised above the default) is parsed in a worker
thread on its own limiter, so it cannot stall the loop. 408 and 413 close the connection (the
unread rest of the body is not waited for). Error bodies are ErrorResponse JSON with a fixed
message: they never echo the request.
"""

from __future__ import annotations

import email.message
import json
import math
import re
from typing import NoReturn

import anyio
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ai.concurrency import JobGate
from ai.errors import error_json
from ai.models import ErrorCode

METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
MAX_DEPTH = 32
MAX_ITEMS = 10_000
INLINE_PARSE_BYTES = 64 * 1024
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class InvalidJsonError(ValueError):
    """The body is not strict JSON (the message never quotes the body)."""


def is_json(content_type: str | None) -> bool:
    """FastAPI's test for a body it parses as JSON (fastapi.routing, strict content type)."""
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    if message.get_content_maintype() != "application":
        return False
    subtype = message.get_content_subtype()
    return subtype == "json" or subtype.endswith("+json")


def _refuse_constant(name: str) -> NoReturn:
    raise InvalidJsonError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InvalidJsonError("a number is too large (it overflows to infinity)")
    return value


def _check_string(text: str) -> None:
    if LONE_SURROGATE.search(text):
        raise InvalidJsonError("a string holds a lone UTF-16 surrogate")


def _check_tree(value: object) -> None:
    """Depth, size (values, not counting keys) and strings (keys too) of a parsed document."""
    stack: list[tuple[object, int]] = [(value, 1)]
    items = 0
    while stack:
        node, depth = stack.pop()
        items += 1
        if items > MAX_ITEMS:
            raise InvalidJsonError(f"more than {MAX_ITEMS} values")
        if isinstance(node, str):
            _check_string(node)
            continue
        if not isinstance(node, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise InvalidJsonError(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            for key in node:
                _check_string(key)
            stack.extend((child, depth + 1) for child in node.values())
        else:
            stack.extend((child, depth + 1) for child in node)


def check_json(body: bytes) -> None:
    """InvalidJsonError unless `body` is strict JSON within the limits (see the module doc)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidJsonError("the body is not UTF-8") from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except InvalidJsonError:
        raise
    except RecursionError:
        raise InvalidJsonError(f"nested deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise InvalidJsonError(f"the body is not JSON ({error.msg} at {where})") from None
    except ValueError:  # e.g. an integer of more than 4300 digits
        raise InvalidJsonError("a number is out of range") from None
    _check_tree(value)


class BodyTooLargeError(Exception):
    pass


class ClientGoneError(Exception):
    pass


def refusal(status: int, code: ErrorCode, message: str, close: bool = True) -> JSONResponse:
    """An ErrorResponse; `close` ends the connection after it (the body was not read whole)."""
    response = error_json(status, code, message)
    if close:
        response.headers["connection"] = "close"
    return response


class BodyLimits:
    def __init__(self, app: ASGIApp, max_bytes: int = 64 * 1024, timeout_s: float = 10.0) -> None:
        self.app, self.max_bytes, self.timeout_s = app, max_bytes, timeout_s
        self.parsing = JobGate("json-parse", 1, None)  # bodies over INLINE_PARSE_BYTES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in METHODS_WITH_BODY:
            await self.app(scope, receive, send)
            return
        admitted = await self.admit(scope, receive)
        if isinstance(admitted, bytes):
            await self.app(scope, replay(admitted, receive), send)
        elif admitted is not None:
            await admitted(scope, receive, send)

    async def admit(self, scope: Scope, receive: Receive) -> bytes | JSONResponse | None:
        """The body, read and checked; else the response refusing it (None: the client left)."""
        headers = {name.lower(): value for name, value in scope["headers"]}
        try:
            declared = int(headers.get(b"content-length", b"-1"))
        except ValueError:
            return refusal(400, "bad_request", "invalid Content-Length header")
        try:
            with anyio.fail_after(self.timeout_s):
                body = await self.read(receive, declared)
        except BodyTooLargeError:
            return refusal(413, "payload_too_large", f"the body is over {self.max_bytes} bytes")
        except TimeoutError:
            message = f"the body did not arrive within {self.timeout_s:g} s"
            return refusal(408, "request_timeout", message)
        except ClientGoneError:
            return None
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if body and is_json(content_type):
            try:
                await self.check(body)
            except InvalidJsonError as error:
                return refusal(422, "invalid_json", f"invalid JSON body: {error}", close=False)
        return body

    async def read(self, receive: Receive, declared: int) -> bytes:
        """The whole body; BodyTooLargeError as soon as it is known to pass the cap."""
        if declared > self.max_bytes:
            raise BodyTooLargeError
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientGoneError
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise BodyTooLargeError
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def check(self, body: bytes) -> None:
        if len(body) <= INLINE_PARSE_BYTES:
            check_json(body)
        else:
            await self.parsing.run(lambda: check_json(body))


def replay(body: bytes, receive: Receive) -> Receive:
    """A receive() that hands the app the body read already, then the client's own messages."""
    pending = True

    async def replayed() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
