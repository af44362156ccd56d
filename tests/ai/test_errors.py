"""Every failure is a typed JSON error: an unreadable warehouse is 503 with the rebuild command,
an unexpected exception is 503 `internal_error` JSON, never a 500."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ai.scripted_model import ScriptedModel


def broken_root(tmp_path: Path, synthetic_root: Path, kind: str) -> Path:
    warehouse = tmp_path / "warehouse" / "f1.duckdb"
    warehouse.parent.mkdir(parents=True)
    if kind == "truncated":
        shutil.copy(synthetic_root / "warehouse" / "f1.duckdb", warehouse)
        with warehouse.open("r+b") as handle:
            handle.truncate(warehouse.stat().st_size // 3)
    elif kind == "scrambled":
        data = bytearray((synthetic_root / "warehouse" / "f1.duckdb").read_bytes())
        data[4096:] = bytes(b ^ 0x5A for b in data[4096:])
        warehouse.write_bytes(bytes(data))
    else:
        warehouse.write_bytes(
            {"text": b"PAR1 not a duckdb file\n" * 200, "zeros": b"\0" * 65536, "empty": b""}[kind]
        )
    return tmp_path


@pytest.mark.parametrize("kind", ["text", "zeros", "empty", "truncated", "scrambled"])
def test_an_unreadable_warehouse_is_503_with_the_rebuild_command(
    tmp_path: Path, synthetic_root: Path, client_for, kind: str
) -> None:
    root = broken_root(tmp_path, synthetic_root, kind)
    client = client_for(root, ScriptedModel(["select lap_time_ms, driver_code from gold.fct_laps"]))
    asked = client.post("/ask", json={"question": "Who won the 2024 Bahrain Grand Prix?"})
    # a truncated file may keep its catalog readable: /schema lists it, the data read fails
    for response in [asked] if kind == "truncated" else [asked, client.get("/schema")]:
        assert response.status_code == 503, response.text
        body = response.json()
        assert body["error"] == "warehouse_unreadable"
        assert "make gold" in body["message"] and "\n" not in body["message"]
    if kind == "truncated":
        return
    health = client.get("/health")
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert "make gold" in health.json()["warehouse"]["detail"]


def test_an_unexpected_exception_is_a_typed_answer(synthetic_root: Path, client_for) -> None:
    """A bug inside the /ask pipeline fails closed as a typed 503 `internal_error` (never a
    500); outside it, the outermost middleware still answers JSON."""
    client = client_for(synthetic_root, ScriptedModel(["select 1"]))
    copilot = client.app.state.copilot

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    copilot.library.match = boom
    response = client.post("/ask", json={"question": "anything"})
    assert response.status_code == 503
    assert response.json()["error"] == "internal_error"
    copilot.load_catalog = boom  # outside the pipeline: the outermost middleware answers
    schema = client.get("/schema")
    assert schema.status_code == 503 and schema.json()["error"] == "internal_error"


def test_parser_overflow_is_a_400(synthetic_root: Path, client_for) -> None:
    deep = "select " + "coalesce(" * 300 + "1" + ")" * 300 + " from gold.dim_drivers"
    unary = "select * from gold.dim_drivers where " + "not " * 4000 + "true"
    client = client_for(synthetic_root, ScriptedModel([deep, unary, unary]))
    response = client.post("/ask", json={"question": "deep"})
    assert response.status_code == 400 and response.json()["error"] == "rejected"
