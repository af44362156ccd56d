"""Hostile bodies on POST /ask and POST /predict: each is a small 4xx ErrorResponse JSON that never
echoes the body (ai.http_limits refuses them before the app reads them, ai.errors answers the
rest), a streamed 64 MB body is cut at the cap without being read whole, a body that does not
arrive in time is a 408, and a benign question still answers afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import anyio
import pytest
from fastapi.exceptions import RequestValidationError
from fastapi.testclient import TestClient

from ai.errors import invalid_request
from ai.http_limits import MAX_DEPTH, BodyLimits, check_json
from ai.models import ValidationErrorResponse
from tests.ai.scripted_model import ScriptedModel

GOOD = "select driver_code, driver_full_name from gold.dim_drivers order by driver_code"
MARK = "EchoMarker"  # in every hostile body (ten times): never in an answer, but for a loc
MB = 1024 * 1024

BODIES: dict[str, tuple[bytes, int, str]] = {
    # name: (body, status, code), the body for /ask; /predict gets the same with its fields
    "nan": (b'{"question": NaN, "%s": 1}', 422, "invalid_json"),
    "infinity": (b'{"question": Infinity, "%s": 1}', 422, "invalid_json"),
    "minus_infinity": (b'{"question": -Infinity, "%s": 1}', 422, "invalid_json"),
    "overflow": (b'{"question": 1e999, "%s": 1}', 422, "invalid_json"),
    "negative_overflow": (b'{"question": -2.5E+400, "%s": 1}', 422, "invalid_json"),
    "huge_integer": (b'{"question": 1' + b"0" * 5000 + b', "%s": 1}', 422, "invalid_json"),
    "surrogate_value": (b'{"question": "a\\ud800b", "%s": 1}', 422, "invalid_json"),
    "surrogate_low": (b'{"question": "\\udfff", "%s": 1}', 422, "invalid_json"),
    "surrogate_key": (b'{"question": "x", "%s\\ud83d": 1}', 422, "invalid_json"),
    "deep": (
        b'{"question": ' + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b', "%s": 1}',
        422,
        "invalid_json",
    ),
    "depth_bomb": (b'{"%s": ' + b"[" * 30000 + b"]" * 30000 + b"}", 422, "invalid_json"),
    "many_values": (b'{"%s": [' + b"1," * 12000 + b"1]}", 422, "invalid_json"),
    "not_json": (b'{"question": "x", "%s": ', 422, "invalid_json"),
    "not_utf8": (b'{"question": "\xff\xfe", "%s": 1}', 422, "invalid_json"),
    "utf16": ('{"question": "x", "%s": 1}'.encode("utf-16"), 422, "invalid_json"),
    "ten_mb_array": (b'{"%s": [' + b"1," * (5 * MB) + b"1]}", 413, "payload_too_large"),
    "wrong_type": (b'{"question": ["%s"], "season": "2024"}', 422, "invalid_request"),
    "extra_key": (b'{"question": "x", "%s": 1}', 422, "invalid_request"),
}


def predict_body(body: bytes) -> bytes:
    return body.replace(b'"question"', b'"season"', 1)


def assert_refusal(response, status: int, code: str, loc_may_quote: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A small ErrorResponse with this code; no value of the body in it (a key named in a loc
    is cut to 40 characters, so the 100-character marker key never appears whole)."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "application/json"
    assert len(response.content) < 2048
    assert (MARK * 5 if loc_may_quote else MARK) not in response.text
    body = ValidationErrorResponse.model_validate(response.json())
    assert body.error == code
    assert "\n" not in body.message
    assert all(set(error) == {"loc", "msg"} for error in response.json().get("errors", []))


@pytest.fixture
def client(synthetic_root: Path, client_for) -> TestClient:  # type: ignore[no-untyped-def]
    return client_for(synthetic_root, ScriptedModel([GOOD]))


@pytest.mark.parametrize("path", ["/ask", "/predict"])
def test_hostile_bodies_are_small_typed_4xx(client: TestClient, path: str) -> None:
    mark = MARK * 10
    for name, (template, status, code) in BODIES.items():
        body = template.replace(b"%s", mark.encode())
        if name == "utf16":
            body = template.decode("utf-16").replace("%s", mark).encode("utf-16")
        if path == "/predict":
            body = predict_body(body)
        response = client.post(path, content=body, headers={"content-type": "application/json"})
        assert_refusal(response, status, code, loc_may_quote=name == "extra_key")
    asked = client.post("/ask", json={"question": "Who won the Bahrain Grand Prix 2024?"})
    assert asked.status_code == 200, asked.text
    assert asked.json()["rows"][0] == ["HAM", "Lewis Hamilton"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_wrong_content_type_is_a_422_without_echo(client: TestClient, content_type) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"question": MARK * 100}).encode()
    headers = {"content-type": content_type} if content_type else {}
    for path in ("/ask", "/predict"):
        response = client.post(path, content=body, headers=headers)
        assert_refusal(response, 422, "invalid_request")


def test_a_chunked_body_over_the_cap_is_a_413(client: TestClient) -> None:
    """No Content-Length: counted while read (the TestClient hands the body over whole; the
    middleware and the real server are shown to stop reading at the cap below and in
    tests/ai/test_server.py)."""

    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        yield from [b"x" * (64 * 1024)] * 16

    for path in ("/ask", "/predict"):
        response = client.post(path, content=chunks(), headers={"content-type": "application/json"})
        assert_refusal(response, 413, "payload_too_large")
        assert response.headers["connection"] == "close"


def test_a_declared_length_over_the_cap_is_refused_before_reading(client: TestClient) -> None:
    headers = {"content-type": "application/json", "content-length": "9" * 9}
    response = client.post("/ask", content=b"{}", headers=headers)
    assert_refusal(response, 413, "payload_too_large")


def test_a_64_mb_stream_is_cut_at_the_cap_without_reading_it() -> None:
    pulled = 0

    def messages() -> Iterator[tuple[float, bytes, bool]]:
        nonlocal pulled
        for _ in range(1024):  # 64 MB in 64 KiB messages
            pulled += 1
            yield 0, b"x" * (64 * 1024), True

    sent = run_middleware(messages())
    assert sent[0]["status"] == 413 and json.loads(sent[1]["body"])["error"] == "payload_too_large"
    assert pulled == 2  # the second message passed the 64 KiB cap


def test_validation_errors_list_loc_and_msg_only(client: TestClient) -> None:
    extra = {f"{MARK}{i}": "v" * 500 for i in range(40)}
    response = client.post("/ask", json={"question": "", "season": 1800, **extra})
    assert_refusal(response, 422, "invalid_request", loc_may_quote=True)
    body = response.json()
    assert len(body["errors"]) == 10  # 42 errors found, the first 10 listed
    assert all(set(error) == {"loc", "msg"} for error in body["errors"])
    assert body["errors"][0] == {
        "loc": ["body", "question"],
        "msg": "String should have at least 1 character",
    }
    assert "(42 error(s))" in body["message"]
    predicted = client.post("/predict", json={"season": "2024", "round": 22})
    assert predicted.json()["errors"] == [
        {
            "loc": ["body", "season"],
            "msg": "Value error, must be a JSON integer, not a string or a boolean",
        }
    ]


def test_the_validation_handler_serialises_anything() -> None:
    """Surrogates, newlines and long keys in loc and msg: still one small JSON body."""
    error = RequestValidationError(
        [
            {
                "type": "x",
                "loc": ("body", "\ud800" * 300, 7),
                "msg": "bad\n\ud800" * 100,
                "input": "\ud800" * 10_000,
                "ctx": {"error": ValueError("\ud800")},
            }
        ]
        * 30
    )
    response = anyio.run(invalid_request, None, error)  # type: ignore[arg-type]
    body = json.loads(bytes(response.body))
    assert response.status_code == 422 and len(response.body) < 6000
    assert len(body["errors"]) == 10 and body["errors"][0]["loc"][2] == 7
    assert len(body["errors"][0]["loc"][1]) <= 40 and "\n" not in body["message"]


def run_middleware(messages: Iterable[tuple[float, bytes, bool]], **limits: object) -> list[dict]:  # type: ignore[type-arg]
    """Drive BodyLimits with (delay s, chunk, more_body) messages; the ASGI messages it sent."""
    sent: list[dict] = []  # type: ignore[type-arg]

    async def app(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        body = b""
        while True:
            message = await receive()
            body += message["body"]
            if not message["more_body"]:
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    async def main() -> None:
        queue = iter(messages)

        async def receive() -> dict:  # type: ignore[type-arg]
            delay, chunk, more = next(queue)
            await anyio.sleep(delay)
            return {"type": "http.request", "body": chunk, "more_body": more}

        async def send(message: dict) -> None:  # type: ignore[type-arg]
            sent.append(message)

        scope = {
            "type": "http",
            "method": "POST",
            "headers": [(b"content-type", b"application/json")],
        }
        await BodyLimits(app, **limits)(scope, receive, send)  # type: ignore[arg-type]

    anyio.run(main)
    return sent


def test_a_body_that_does_not_arrive_in_time_is_a_408() -> None:
    sent = run_middleware(
        [(0, b'{"a"', True), (0.2, b": 1", True), (5, b"}", False)], timeout_s=0.5
    )
    assert sent[0]["status"] == 408
    assert (b"connection", b"close") in sent[0]["headers"]
    assert json.loads(sent[1]["body"])["error"] == "request_timeout"
    replayed = run_middleware([(0, b'{"a"', True), (0.1, b": 1}", False)], timeout_s=0.5)
    assert replayed[0]["status"] == 200 and replayed[1]["body"] == b'{"a": 1}'


def test_a_large_cap_parses_off_the_event_loop() -> None:
    body = b'{"a": "' + b"x" * (200 * 1024) + b'"}'
    sent = run_middleware([(0, body, False)], max_bytes=MB)
    assert sent[0]["status"] == 200 and sent[1]["body"] == body
    refused = run_middleware([(0, body[:-2] + b'\\ud800"}', False)], max_bytes=MB)
    assert refused[0]["status"] == 422


@pytest.mark.parametrize("text", ['{"a": [1.5, -0.0, 1e308, "\\ud83d\\ude00", "é"]}', "[]", "1"])
def test_strict_json_accepts_ordinary_documents(text: str) -> None:
    check_json(text.encode())
