"""The compose stack for real, on a Docker engine: `make docker-demo` then `make down`.

One module-scoped run of `make docker-demo F1_CACHE_FROM=../shared/data/fastf1-cache/full` does
what a user does: base image (scripts/docker_base_image.sh) + build every image, the cache onto a
fresh data root, `docker compose run --rm ingestion` replaying it offline, `docker compose run
--rm dbt verify`, then `ai`, `dashboard` and `ollama` up and healthy. Here `ollama` is the
stand-in (tests/ollama_standin.py in a small image from the same base, tests/ops/
compose.standin.yml), reached by the copilot at its compose service name. Every container runs
as APP_UID=4242 (run as root; else the caller's uid). Image sizes and build/job times are printed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.conftest import require_shared_cache
from tests.ollama_standin import DEFAULT_SQL
from tests.ops.docker_stack_support import (
    FOREIGN,
    IMAGES,
    OWN,
    PROJECT,
    QUESTION,
    UID,
    WINNER,
    Stack,
    report,
    require_engine,
)
from tests.ops.ops_support import REPO_ROOT, free_port, tool

pytestmark = [pytest.mark.docker, pytest.mark.realdata, pytest.mark.slow, pytest.mark.timeout(2400)]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Iterator[Stack]:
    require_engine()
    cache = require_shared_cache("full")
    root = tmp_path_factory.mktemp("docker") / "f1-data"
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env |= {
        "EXTERNAL_DATA_ROOT": str(root),
        "APP_UID": str(UID),
        "COMPOSE_PROJECT_NAME": PROJECT,
        "COMPOSE_FILE": "docker-compose.yml:tests/ops/compose.standin.yml",
        "COPILOT_PORT": str(free_port()),
        "DASHBOARD_PORT": str(free_port()),
        "OLLAMA_PORT": str(free_port()),
        "DOCKER_BUILDKIT": "0",
        "COMPOSE": str(tool("docker-compose")),
    }
    stack = Stack(root, env)
    started = time.monotonic()
    done = stack.make(
        "docker-demo",
        f"F1_CACHE_FROM={cache}",
        f"EXTERNAL_DATA_ROOT={root}",
        f"APP_UID={UID}",
        f"COPILOT_PORT={env['COPILOT_PORT']}",
        f"DASHBOARD_PORT={env['DASHBOARD_PORT']}",
        log=root.parent / "docker-demo.log",
    )
    try:
        assert done.returncode == 0, f"make docker-demo failed:\n{stack.output[-6000:]}"
        report(pytestconfig, f"make docker-demo took {time.monotonic() - started:.0f} s")
        for line in stack.output.splitlines():
            if line.startswith(("docker-demo:", "docker-up:", "docker_base_image:")):
                report(pytestconfig, line.strip())
        yield stack
    finally:
        stack.compose("--profile", "*", "down", "--remove-orphans", check=False)
        shutil.rmtree(root.parent, ignore_errors=True)


def test_every_image_builds_on_the_base_with_only_its_service(
    stack: Stack, pytestconfig: pytest.Config
) -> None:
    base = stack.output.split("images built from ")[1].split()[0]
    base_layers = json.loads(
        subprocess.run(["docker", "image", "inspect", base], capture_output=True, check=True).stdout
    )[0]["RootFS"]["Layers"]
    for name in IMAGES:
        image = f"f1-lakehouse/{name}:local"
        info = json.loads(
            subprocess.run(["docker", "image", "inspect", image], capture_output=True).stdout
        )[0]
        assert info["RootFS"]["Layers"][: len(base_layers)] == base_layers, f"{name} not on {base}"
        assert info["Config"]["User"] == str(UID)
        report(pytestconfig, f"image {image}: {info['Size'] / 1e6:.0f} MB")
        probe = (
            "import importlib.util as u, sys; print(*[m for m in sys.argv[1:] if u.find_spec(m)])"
        )
        found = subprocess.run(
            [
                "docker",
                "run",
                "--rm",
                "--entrypoint",
                "python",
                image,
                "-c",
                probe,
                *FOREIGN,
                OWN[name],
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert OWN[name] in found, name
        assert set(found) - {OWN[name]} <= ({"fastapi"} if name == "ai" else set()), (name, found)


def test_ingestion_replayed_the_sessions_fastf1_has_results_for(stack: Stack) -> None:
    """catalog.jsonl is what Fast-F1 returns per session of the cache: every event with results
    is in bronze, nothing more (the HTTP layer and the parsed .ff1pkl tree are both replayed)."""
    catalog = require_shared_cache("full") / "catalog.jsonl"
    rows = [json.loads(line) for line in catalog.read_text().splitlines() if line.strip()]
    expected = {(r["year"], r["round"]) for r in rows if r.get("results")}
    bronze = stack.root / "bronze" / "results"
    found = {
        (int(s.name.split("=")[1]), int(r.name.split("=")[1]))
        for s in bronze.glob("season=*")
        for r in s.glob("round=*")
    }
    assert found == expected
    assert (stack.root / "warehouse" / "f1.duckdb").is_file()
    assert "dbt: build + verify the warehouse" in stack.output


def test_healthchecks_turn_healthy(stack: Stack) -> None:
    for name in ("ollama", "ai", "dashboard"):
        assert stack.service(name)["State"]["Health"]["Status"] == "healthy", name
    assert httpx.get(f"{stack.dashboard}/_stcore/health", timeout=30).text == "ok"
    assert f"copilot API   {stack.copilot}" in stack.output
    assert f"dashboard     {stack.dashboard}" in stack.output


def test_every_container_runs_as_the_configured_uid(stack: Stack) -> None:
    for container in stack.containers():
        name = container["Config"]["Labels"]["com.docker.compose.service"]
        assert container["Config"]["User"] == str(UID), name
        uid = subprocess.run(
            ["docker", "exec", container["Id"], "python", "-c", "import os; print(os.getuid())"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert uid == str(UID), name
    for job in ("ingestion", "dbt", "ml"):
        probe = stack.compose("run", "--rm", "--no-deps", "--entrypoint", "id", job, "-u")
        assert probe.stdout.strip().splitlines()[-1] == str(UID), job
    not_ours = [p for p in stack.root.rglob("*") if p.lstat().st_uid != UID]
    assert not not_ours, f"{len(not_ours)} paths not owned by {UID}, e.g. {not_ours[:3]}"


def test_a_question_is_answered_by_the_standin_then_by_the_library(stack: Stack) -> None:
    health = httpx.get(f"{stack.copilot}/health", timeout=30).json()
    assert health["status"] == "ok" and health["ollama"]["ok"], health
    by_model = stack.ask(QUESTION)
    assert by_model.status_code == 200, by_model.text
    assert by_model.json()["source"] == "llm"
    assert "dim_drivers" in by_model.json()["sql"] and "driver_code" in DEFAULT_SQL

    stack.compose("stop", "ollama")
    winner = subprocess.run(
        [sys.executable, "-c", WINNER, str(require_shared_cache("full"))],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    ).stdout.split()
    by_library = stack.ask(QUESTION)
    assert by_library.status_code == 200, by_library.text
    answer = by_library.json()
    assert answer["source"] == "library"
    assert any("language model unavailable" in note for note in answer["notes"]), answer
    assert winner[0] in json.dumps(answer["rows"][0]) or winner[1] in json.dumps(answer["rows"][0])
    degraded = httpx.get(f"{stack.copilot}/health", timeout=30).json()
    assert degraded["status"] == "degraded" and not degraded["ollama"]["ok"]
    metrics = httpx.get(f"{stack.copilot}/metrics", timeout=30).text
    assert 'copilot_answers_total{outcome="ok",source="llm"}' in metrics
    assert 'copilot_answers_total{outcome="ok",source="library"}' in metrics
    assert "copilot_model_available 0.0" in metrics


def served_fingerprint(root: Path) -> tuple[str, int]:
    served = (root / "warehouse" / "f1.duckdb").resolve()
    return hashlib.sha256(served.read_bytes()).hexdigest(), served.stat().st_ino


def test_kill_9_of_dbt_mid_build_leaves_the_served_warehouse_intact(stack: Stack) -> None:
    before = served_fingerprint(stack.root)
    warehouse = stack.root / "warehouse"
    assert [p.name for p in warehouse.glob("*.duckdb")] == ["f1.duckdb"]
    name = f"{PROJECT}-dbt-killed"
    stack.compose("run", "-d", "--name", name, "dbt", "build", "--full-refresh")
    try:
        deadline = time.monotonic() + 300
        building = False
        while time.monotonic() < deadline and not building:
            state = json.loads(
                subprocess.run(["docker", "inspect", name], capture_output=True).stdout
            )[0]["State"]
            assert state["Running"], f"dbt finished before it could be killed: {state}"
            building = any(p.name != "f1.duckdb" for p in warehouse.glob("*.duckdb"))
            time.sleep(0.5)
        assert building, "dbt never started building the next warehouse file"
        subprocess.run(["docker", "kill", "--signal", "KILL", name], check=True)
        subprocess.run(["docker", "wait", name], capture_output=True, check=True)
        killed = json.loads(subprocess.run(["docker", "inspect", name], capture_output=True).stdout)
        assert killed[0]["State"]["ExitCode"] == 137
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True)
    assert served_fingerprint(stack.root) == before
    served = stack.root / "warehouse" / "f1.duckdb"
    with duckdb.connect(str(served), read_only=True) as con:
        assert con.sql("select count(*) from gold.dim_drivers").fetchall()[0][0] > 0
    again = stack.ask(QUESTION)
    assert again.status_code == 200, again.text


def test_make_down_stops_everything_and_keeps_the_data(stack: Stack) -> None:
    before = {p: p.stat().st_size for p in stack.root.rglob("*") if p.is_file()}
    served = served_fingerprint(stack.root)
    done = stack.make("down", log=stack.root.parent / "down.log")
    assert done.returncode == 0, stack.output
    assert stack.containers(all_=True) == []
    after = {p: p.stat().st_size for p in stack.root.rglob("*") if p.is_file()}
    missing = [p for p in before if p not in after and "logs" not in p.parts]
    assert not missing, missing[:5]
    assert served_fingerprint(stack.root) == served
    assert any(p.suffix == ".parquet" and "results" in p.parts for p in after)
