"""Property: whatever bytes arrive as a body of POST /ask or POST /predict, the service answers
with its own typed JSON, never an unhandled error.

Bodies are generated JSON (NaN and ±inf floats, huge and overflowing numbers, strings with lone
surrogates, deep nesting, random keys and the real field names with values of any type), sent
raw in several encodings (ASCII escapes, UTF-8, surrogates passed through as invalid UTF-8),
sometimes cut short, under several content types. The model is a ScriptedModel answering a
benign SQL, so a body that validates is answered (200) or refused as a question (4xx).

The property: status < 500, except a 503 whose ErrorResponse code is one of the service's typed
"a dependency is missing or full" errors (BUSY_OR_MISSING: no trained model for /predict here,
and the others for completeness); never a 500, never a non-JSON error. Every error body is a
small ErrorResponse.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ai.main import create_app
from ai.models import AskResponse, ValidationErrorResponse
from tests.ai.conftest import make_settings
from tests.ai.scripted_model import ScriptedModel

GOOD = "select driver_code from gold.dim_drivers order by driver_code"
BUSY_OR_MISSING = {"needs_llm", "model_unavailable", "warehouse_missing", "model_missing", "busy"}
FIELDS = ["question", "season", "event", "session", "round"]

texts = st.text(alphabet=st.characters(exclude_categories=()), max_size=30)
numbers = (
    st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([2024, 1, 22, 1950, 2100, 22.0, 1e999, -1e999, 10**400])
)
scalars = st.none() | st.booleans() | numbers | texts
keys = st.sampled_from(FIELDS) | texts
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


def nest(depth: int, leaf: object) -> object:
    for level in range(depth):
        leaf = [leaf] if level % 2 else {"question": leaf}
    return leaf


questions = st.fixed_dictionaries(  # often valid: answered, or refused as a question
    {"question": st.text(min_size=1, max_size=60)},
    optional={
        "season": st.integers(1950, 2100) | values,
        "event": st.text(max_size=30) | values,
        "session": st.sampled_from(["R", "Q", "FP1", "x"]) | values,
    },
)
races = st.fixed_dictionaries(
    {"season": st.integers(1950, 2100) | values, "round": st.integers(1, 99) | values}
)
documents = st.one_of(
    questions,
    races,
    questions,
    races,
    st.dictionaries(keys, values, max_size=6),
    st.fixed_dictionaries({}, optional={name: values for name in FIELDS}),
    st.builds(nest, st.integers(1, 80), values),
    values,
)


def encode(document: object, how: str) -> bytes:
    if how == "ascii":  # NaN/Infinity tokens, surrogates as \\udXXX escapes
        return json.dumps(document).encode()
    text = json.dumps(document, ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass" if how == "passthrough" else "replace")


bodies = st.one_of(
    st.builds(encode, documents, st.sampled_from(["ascii", "utf8", "passthrough"])).flatmap(
        lambda raw: st.sampled_from([raw, raw[: len(raw) // 2]])
    ),
    st.binary(max_size=64),
)
content_types = st.sampled_from(
    ["application/json"] * 4 + ["application/vnd.api+json", "text/plain", None]
)


@pytest.fixture(scope="module")
def client(synthetic_root: Path) -> Iterator[TestClient]:
    app = create_app(make_settings(synthetic_root), ScriptedModel([GOOD]))
    yield TestClient(app)
    app.state.copilot.sandbox.close()


@pytest.mark.parametrize("path", ["/ask", "/predict"])
@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(body=bodies, content_type=content_types)
def test_no_body_makes_an_unhandled_error(
    client: TestClient, path: str, body: bytes, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post(path, content=body, headers=headers)
    assert response.headers["content-type"] == "application/json", response.text[:300]
    if response.status_code < 400:
        assert path == "/ask" and AskResponse.model_validate(response.json()).row_count >= 0
        return
    error = ValidationErrorResponse.model_validate(response.json())
    assert len(response.content) < 4096
    assert response.status_code < 500 or (
        response.status_code == 503 and error.error in BUSY_OR_MISSING
    ), response.text[:500]
