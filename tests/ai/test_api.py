"""The API over the synthetic warehouse: library fallback, repairs, errors, health, schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from tests.ai.scripted_model import ScriptedModel

GOOD = "select driver_code, driver_full_name from gold.dim_drivers order by driver_code"


def test_llm_answer_has_rows_sql_chart_and_is_audited(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel(
        [
            '{"sql": "select driver_code, points from gold.fct_results where session_code = \'R\' '
            'and event_id = \'2024-01\' order by points desc", "chart": {"type": "bar", '
            '"x": "driver_code", "y": "points", "color": "nope", "title": "Points"}}'
        ],
        raw=True,
    )
    response = client_for(synthetic_root, model).post("/ask", json={"question": "points?"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == "llm"
    assert body["columns"] == ["driver_code", "points"]
    assert body["rows"] == [["VER", 19.0], ["LEC", 12.0], ["HAM", 5.0]]
    assert body["row_count"] == 3 and body["truncated"] is False
    assert body["sql"].endswith("LIMIT 100")
    assert body["chart"] == {
        "type": "bar",
        "x": "driver_code",
        "y": "points",
        "color": None,
        "title": "Points",
    }
    assert set(body["timings"]) >= {"model_ms", "validate_ms", "execute_ms", "chart_ms", "total_ms"}
    lines = (synthetic_root / "logs" / "copilot" / "audit.jsonl").read_text().splitlines()
    last = json.loads(lines[-1])
    assert last["question"] == "points?" and last["outcome"] == "ok" and last["source"] == "llm"
    assert last["sql"] == body["sql"]


def test_row_cap_marks_truncated(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel(["select lap_number from gold.fct_laps"])
    body = (
        client_for(synthetic_root, model, copilot_max_rows=10)
        .post("/ask", json={"question": "all laps"})
        .json()
    )
    assert body["row_count"] == 10 and body["truncated"] is True
    assert "LIMIT 10 added" in body["notes"]


def test_rejected_sql_is_repaired_with_the_reason(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel(["select nope from gold.dim_drivers", GOOD])
    body = client_for(synthetic_root, model).post("/ask", json={"question": "drivers"}).json()
    assert body["rows"][0] == ["HAM", "Lewis Hamilton"]
    assert "answered after 1 repair(s)" in body["notes"]
    feedback = model.prompts[1][-1]["content"]
    assert "column check failed" in feedback and "nope" in feedback


def test_binder_error_is_fed_back(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel(["select driver_code + 1 from gold.dim_drivers", GOOD])
    body = client_for(synthetic_root, model).post("/ask", json={"question": "drivers"}).json()
    assert body["source"] == "llm" and body["row_count"] == 3
    assert (
        "Conversion Error" in model.prompts[1][-1]["content"]
        or "Binder Error" in (model.prompts[1][-1]["content"])
    )


def test_malformed_model_output_is_repaired_then_a_clear_error(synthetic_root, client_for) -> None:
    model = ScriptedModel(
        ["not json at all", '{"query": "select 1"}', "```sql\nselect 1\n```"], raw=True
    )
    response = client_for(synthetic_root, model).post("/ask", json={"question": "gibberish"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "model_output_invalid"
    assert body["message"].startswith("no usable SQL after 2 repair(s): model output is not JSON")
    assert len(model.prompts) == 3
    assert "not JSON of the form {sql, chart}" in model.prompts[2][-1]["content"]
    audit = (synthetic_root / "logs" / "copilot" / "audit.jsonl").read_text().splitlines()
    last = json.loads(audit[-1])
    assert last["question"] == "gibberish" and last["outcome"] == "model_output_invalid"
    assert last["message"] == body["message"]


def test_ollama_unreachable_library_answers_or_clear_message(synthetic_root, client_for) -> None:
    client = client_for(synthetic_root)  # real Ollama client pointed at a closed port
    answered = client.post("/ask", json={"question": "Who won the Bahrain Grand Prix 2024?"})
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["source"] == "library" and body["library_id"] == "race_winner"
    assert body["rows"][0][:3] == [1, "VER", "Max Verstappen"]
    assert any("language model unavailable" in n for n in body["notes"])
    refused = client.post("/ask", json={"question": "Tell me a poem about tyres and turtles"})
    assert refused.status_code == 422
    assert refused.json()["error"] == "needs_llm"
    assert "needs the language model" in refused.json()["message"]


def test_request_fields_narrow_the_library_match(synthetic_root, client_for) -> None:
    client = client_for(synthetic_root, ScriptedModel(["x"], available=False))
    body = client.post(
        "/ask", json={"question": "podium", "season": 2024, "event": "Saudi Arabia", "session": "R"}
    ).json()
    assert body["library_id"] == "podium"
    assert [r[1] for r in body["rows"]] == ["VER", "LEC", "HAM"]
    assert "'2024-02-R'" in body["sql"]


def test_health_is_degraded_not_an_error_without_ollama(synthetic_root, client_for) -> None:
    degraded = client_for(synthetic_root).get("/health")
    assert degraded.status_code == 200
    assert degraded.json()["status"] == "degraded"
    assert degraded.json()["warehouse"]["ok"] is True
    assert degraded.json()["ollama"]["ok"] is False
    healthy = client_for(synthetic_root, ScriptedModel([GOOD])).get("/health").json()
    assert healthy["status"] == "ok"


def test_schema_lists_served_tables_and_dimension_values(synthetic_root, client_for) -> None:
    body = client_for(synthetic_root, ScriptedModel([GOOD])).get("/schema").json()
    names = {(t["schema_name"], t["name"]) for t in body["tables"]}
    assert ("gold", "fct_results") in names and ("silver", "stg_laps") in names
    assert body["seasons"] == [2024]
    assert body["driver_codes"] == ["HAM", "LEC", "VER"]
    assert body["event_names"] == ["Bahrain Grand Prix", "Saudi Arabian Grand Prix"]
    assert body["session_codes"] == ["Q", "R"]


def test_missing_warehouse_is_503_everywhere_but_health(tmp_path: Path, client_for) -> None:
    client = client_for(tmp_path, ScriptedModel([GOOD]))
    ask = client.post("/ask", json={"question": "Who won?"})
    assert ask.status_code == 503 and ask.json()["error"] == "warehouse_missing"
    assert "make gold" in ask.json()["message"]
    assert client.get("/schema").status_code == 503
    health = client.get("/health")
    assert health.status_code == 200 and health.json()["warehouse"]["ok"] is False


def test_a_rebuilt_warehouse_is_picked_up(tmp_path: Path, synthetic_root: Path, client_for) -> None:
    (tmp_path / "warehouse").mkdir()
    target = tmp_path / "warehouse" / "f1.duckdb"
    shutil.copy(synthetic_root / "warehouse" / "f1.duckdb", target)
    client = client_for(tmp_path, ScriptedModel([GOOD]))
    assert client.post("/ask", json={"question": "d"}).json()["row_count"] == 3
    staged = tmp_path / "warehouse" / "f1.next.duckdb"
    shutil.copy(target, staged)

    with duckdb.connect(str(staged)) as con:
        con.execute("delete from gold.dim_drivers where driver_code = 'HAM'")
    staged.replace(target)  # the transform's atomic swap
    assert client.post("/ask", json={"question": "d"}).json()["row_count"] == 2


def test_bad_requests_are_422(synthetic_root: Path, client_for) -> None:
    client = client_for(synthetic_root, ScriptedModel([GOOD]))
    assert client.post("/ask", json={}).status_code == 422
    assert client.post("/ask", json={"question": ""}).status_code == 422
    assert client.post("/ask", json={"question": "x", "season": 1800}).status_code == 422


def test_concurrent_questions_get_their_own_answers(synthetic_root: Path, client_for) -> None:
    from concurrent.futures import ThreadPoolExecutor

    client = client_for(synthetic_root, ScriptedModel(["x"], available=False))
    questions = ["Podium of Bahrain 2024", "Podium of the Saudi Arabian Grand Prix 2024"] * 6
    with ThreadPoolExecutor(max_workers=6) as pool:
        bodies = list(
            pool.map(lambda q: client.post("/ask", json={"question": q}).json(), questions)
        )
    sessions = {("'2024-01-R'" in b["sql"], "'2024-02-R'" in b["sql"]) for b in bodies}
    assert sessions == {(True, False), (False, True)}
    assert all(b.get("row_count") == 3 for b in bodies), [b for b in bodies if "error" in b]


def test_a_down_model_is_skipped_for_a_while(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel([GOOD], available=False)
    client = client_for(synthetic_root, model)
    question = {"question": "Who won the Bahrain Grand Prix 2024?"}
    assert client.post("/ask", json=question).json()["source"] == "library"
    model.available = True  # back up, but within copilot_model_retry_s nobody asks it yet
    assert client.post("/ask", json=question).json()["source"] == "library"
    assert model.prompts == []
    eager = client_for(synthetic_root, model, copilot_model_retry_s=0)
    assert eager.post("/ask", json=question).json()["source"] == "llm"


def test_model_time_budget_stops_repairs(synthetic_root: Path, client_for) -> None:
    model = ScriptedModel(["select nope from gold.dim_drivers"])
    client = client_for(synthetic_root, model, copilot_model_budget_s=1e-9)
    question = "describe the atmosphere in the paddock"  # nothing the library reads
    body = client.post("/ask", json={"question": question}).json()
    assert body["error"] == "rejected" and "time budget" in body["message"]
    assert len(model.prompts) == 1
