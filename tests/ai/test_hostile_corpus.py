"""The hostile corpus as a model's replies, sent by the Ollama stand-in (tests/ollama_standin.py)
through the real `ollama` client and the real /ask HTTP path: every case is refused, stopped or
cut; nothing outside the answer is read; warehouse and files unchanged."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ai.main import create_app
from ai.validation import SqlRejectedError, validate_sql
from tests.ai.conftest import make_settings
from tests.ai.hostile_corpus import CORPUS
from tests.ai.hostile_corpus_guard import GUARD_CORPUS
from tests.ollama_standin import StandIn, serve

SECRET = "canary secret: must never be read"
RUNS = {"bomb", "stopped", "listcol"}  # categories that pass validation and run


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder` (logs/ excluded) with its sha256 and mtime."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "logs" not in p.relative_to(folder).parts
    }


def render(sql: str, canary: Path, warehouse: Path) -> str:
    return sql.replace("{canary}", str(canary)).replace("{wh}", str(warehouse))


@pytest.fixture(scope="module")
def standin_client(synthetic_root: Path) -> Iterator[TestClient]:
    StandIn.reset()
    with serve() as url:
        app = create_app(make_settings(synthetic_root, ollama_host=url))
        with TestClient(app) as client:
            yield client
    StandIn.reset()


def test_corpus_is_large_and_covers_every_category() -> None:
    assert len(CORPUS) >= 100
    assert {c for c, _ in CORPUS} == {
        "write",
        "cte",
        "files",
        "system",
        "multi",
        "columns",
        "functions",
        "bomb",
    }
    counts = Counter(c for c, _ in GUARD_CORPUS if c != "listcol")
    assert sum(counts.values()) >= 60 and min(counts.values()) >= 5, counts
    assert set(counts) == {
        "scope",
        "catalog",
        "tablefunc",
        "sizebomb",
        "inputsize",
        "nesting",
        "syntax",
        "stopped",
    }


def test_validator_rejects_everything_that_must_not_run(standin_client: TestClient) -> None:
    catalog = standin_client.app.state.copilot.catalog.get()  # type: ignore[attr-defined]
    passed = []
    for category, sql in [*CORPUS, *GUARD_CORPUS]:
        try:
            validate_sql(render(sql, Path("/tmp/canary"), Path("/tmp/wh")), catalog.served, 100)
        except SqlRejectedError as rejection:
            assert "\n" not in str(rejection) and str(rejection)
        else:
            passed.append((category, sql))
    assert all(category in RUNS for category, _ in passed), passed


def ask(client: TestClient, sql: str, category: str) -> tuple[int, dict, str, int]:
    StandIn.chats.clear()
    StandIn.replies[:] = [json.dumps({"sql": sql, "chart": {"type": "table"}})] * 3
    response = client.post("/ask", json={"question": f"hostile {category} case"})
    chats = len(StandIn.chats)
    StandIn.replies.clear()
    return response.status_code, response.json(), response.text, chats


def outcome(status: int, body: dict) -> str:
    if status == 200:
        return "cut" if body["truncated"] or body["values_truncated"] else "answered"
    return str(body["error"])


EXPECTED = {
    "bomb": {"timeout", "resource_limit"},
    "stopped": {"timeout", "resource_limit", "cut"},
    "listcol": {"answered", "cut"},
}


@pytest.mark.timeout(900)
def test_every_case_through_the_http_api_is_refused_or_stopped(
    tmp_path: Path, synthetic_root: Path, standin_client: TestClient
) -> None:
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "secret.txt").write_text(SECRET)
    warehouse = synthetic_root / "warehouse" / "f1.duckdb"
    before_root, before_canary = snapshot(synthetic_root), snapshot(canary)
    outcomes: Counter[str] = Counter()
    for category, sql in [*CORPUS, *GUARD_CORPUS]:
        hostile = render(sql, canary, warehouse)
        status, body, text, chats = ask(standin_client, hostile, category)
        assert status < 500, (hostile[:300], body)
        assert SECRET not in text and str(warehouse) not in json.dumps(body.get("rows"))
        result = outcome(status, body)
        assert result in EXPECTED.get(category, {"rejected"}), (hostile[:300], body)
        if result == "rejected":
            assert status == 400 and "rows" not in body
            assert chats == 3  # rejected SQL goes back for repair: 1 call + 2 repairs
        elif category == "listcol":
            assert body["chart"]["type"] in ("table", "bar", "line", "scatter")
        outcomes[result] += 1
        assert len(text) < 3_000_000  # the byte budget (2 MB of rows) plus the envelope
    assert sum(outcomes.values()) == len(CORPUS) + len(GUARD_CORPUS)
    print(f"\nhostile corpus outcomes: {dict(outcomes)}")
    assert snapshot(synthetic_root) == before_root
    assert snapshot(canary) == before_canary
    assert sorted(p.name for p in canary.iterdir()) == ["secret.txt"]
