"""Every container command is a project CLI that also runs natively (`--help` here; the real
jobs run in test_ops_end_to_end.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.ops.ops_support import (
    BUILT_SERVICES,
    REPO_ROOT,
    compose_config,
    dockerfile,
    dockerfile_exec_form,
)

# What the Makefile's compose wrappers and the README ask of the containers beyond the default.
EXTRA_CONTAINER_COMMANDS = {
    "ingestion": [
        ["run", "--season", "2024", "--rounds", "10", "--sessions", "Q,R"],
        ["run", "--season", "2018-2026", "--rounds", "all", "--sessions", "all", "--offline"],
        ["openf1", "--season", "2024", "--rounds", "10", "--sessions", "Q,R"],
        ["update", "--no-build", "--no-predict", "--season", "2025"],
    ],
    "dbt": [["build"], ["verify"]],
    "ml": [["predict", "--season", "2025", "--round", "22"]],
}


def container_commands() -> list[tuple[str, list[str]]]:
    """(service, argv) for every command a container runs: ENTRYPOINT + compose command."""
    services = compose_config("docker-compose.yml")["services"]
    commands: list[tuple[str, list[str]]] = []
    for service in BUILT_SERVICES:
        text = dockerfile(service)
        entrypoint = services[service].get("entrypoint") or dockerfile_exec_form(text, "ENTRYPOINT")
        default = services[service].get("command") or dockerfile_exec_form(text, "CMD")
        for args in [default, *EXTRA_CONTAINER_COMMANDS.get(service, [])]:
            commands.append((service, [*entrypoint, *args]))
    return commands


def test_compose_commands_are_the_agreed_clis() -> None:
    by_service: dict[str, list[list[str]]] = {}
    for service, argv in container_commands():
        by_service.setdefault(service, []).append(argv)
    assert by_service["ai"] == [
        ["python", "-m", "ai", "serve", "--host", "0.0.0.0", "--port", "8000"]
    ]
    assert by_service["dashboard"] == [
        ["python", "-m", "dashboard", "serve", "--host", "0.0.0.0", "--port", "8501"]
    ]
    assert by_service["dbt"][0] == ["python", "-m", "transform", "build"]
    assert by_service["ingestion"][0][:3] == ["python", "-m", "ingestion"]
    assert by_service["ml"][0] == ["python", "-m", "ml", "train"]


@pytest.mark.parametrize(
    "argv", [argv for _, argv in container_commands()], ids=lambda argv: " ".join(argv[2:5])
)
def test_container_command_runs_natively(argv: list[str]) -> None:
    assert argv[:2] == ["python", "-m"]
    result = subprocess.run(
        [sys.executable, *argv[1:], "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Usage:" in result.stdout
    subcommand = argv[3] if len(argv) > 3 and not argv[3].startswith("-") else None
    if subcommand:
        assert f"{subcommand} [OPTIONS]" in result.stdout


def test_dev_override_reload_command_runs_natively() -> None:
    """The hot-reload copilot (docker-compose.dev.yml) serves the same app through uvicorn."""
    ai = compose_config("docker-compose.yml", "docker-compose.dev.yml")["services"]["ai"]
    argv = [*ai["entrypoint"], *ai["command"]]
    assert argv[:3] == ["python", "-m", "uvicorn"] and "--factory" in argv
    module, _, factory = argv[3].partition(":")
    probe = (
        "import importlib, inspect, sys; "
        "f = getattr(importlib.import_module(sys.argv[1]), sys.argv[2]); "
        "assert all(p.default is not p.empty for p in inspect.signature(f).parameters.values())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, module, factory],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    helped = subprocess.run(
        [sys.executable, *argv[1:], "--help"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert helped.returncode == 0 and "--factory" in helped.stdout
