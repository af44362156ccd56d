"""The hostile corpus, returned by the scripted stand-in model through the real /ask path:
100 % rejected (or, for the bombs, stopped by the timeout/limit); warehouse and files unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hostile_corpus import CORPUS

from ai.llm import ScriptedModel
from ai.validation import SqlRejectedError, validate_sql

SECRET = "canary secret: must never be read"


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
    return sql.format(canary=canary, wh=warehouse)


def test_corpus_is_large_and_covers_every_category() -> None:
    assert len(CORPUS) >= 100
    categories = {c for c, _ in CORPUS}
    assert categories == {
        "write",
        "cte",
        "files",
        "system",
        "multi",
        "columns",
        "functions",
        "bomb",
    }


def test_validator_rejects_everything_but_the_bombs(synthetic_root: Path, client_for) -> None:
    client = client_for(synthetic_root, ScriptedModel(["SELECT 1"]))
    catalog = client.app.state.copilot.catalog.get()
    warehouse = synthetic_root / "warehouse" / "f1.duckdb"
    passed = []
    for category, sql in CORPUS:
        try:
            validate_sql(render(sql, Path("/tmp/canary"), warehouse), catalog.served, 100)
        except SqlRejectedError as rejection:
            assert "\n" not in str(rejection) and str(rejection)
        else:
            passed.append((category, sql))
    assert all(category == "bomb" for category, _ in passed), passed


@pytest.mark.timeout(600)
def test_every_case_through_ask_is_refused_and_nothing_changes(
    tmp_path: Path, synthetic_root: Path, client_for
) -> None:
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "secret.txt").write_text(SECRET)
    warehouse = synthetic_root / "warehouse" / "f1.duckdb"
    before_root, before_canary = snapshot(synthetic_root), snapshot(canary)
    outcomes: dict[str, int] = {}
    for category, sql in CORPUS:
        hostile = render(sql, canary, warehouse)
        model = ScriptedModel([hostile])
        client = client_for(synthetic_root, model)
        response = client.post("/ask", json={"question": f"hostile {category} case"})
        body = response.json()
        assert response.status_code == 400, (hostile, body)
        assert "rows" not in body
        assert SECRET not in response.text
        expected = {"timeout", "resource_limit"} if category == "bomb" else {"rejected"}
        assert body["error"] in expected, (hostile, body)
        # rejected SQL is fed back for repair: 1 call + 2 repairs; bombs stop at the first run
        assert len(model.prompts) == (1 if category == "bomb" else 3)
        outcomes[body["error"]] = outcomes.get(body["error"], 0) + 1
    assert sum(outcomes.values()) == len(CORPUS)
    assert snapshot(synthetic_root) == before_root
    assert snapshot(canary) == before_canary
    assert sorted(p.name for p in canary.iterdir()) == ["secret.txt"]
