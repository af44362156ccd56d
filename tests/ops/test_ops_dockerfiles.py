"""docker/Dockerfile (every image, one target each) and the docker tests' Ollama stand-in:
hadolint-clean, pinned in one place, lock-driven, non-root, healthchecked."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.ops.ops_support import (
    BUILT_SERVICES,
    DOCKERFILE,
    LONG_RUNNING,
    REPO_ROOT,
    compose_config,
    dockerfile,
    dockerfile_exec_form,
    dockerfile_stages,
    tool,
)

PINNED_BASE = re.compile(r"^ARG BASE_IMAGE=python:3\.11\.\d+-slim(-bookworm)?@sha256:[0-9a-f]{64}$")
# docker/build_venv.sh GROUPS [DIST ...]: poetry install --only GROUPS, then slim_venv.sh DIST ...
INSTALL = 'RUN sh build_venv.sh "${POETRY_GROUPS}" ${VENV_DROP}'
STANDIN = REPO_ROOT / "tests" / "ops" / "ollama_standin.Dockerfile"


@pytest.fixture(scope="module")
def builds() -> dict[str, dict[str, Any]]:
    """Each built service's compose `build:` section (target and build arguments)."""
    services = compose_config("docker-compose.yml")["services"]
    return {name: services[name]["build"] for name in BUILT_SERVICES}


@pytest.mark.parametrize("path", [DOCKERFILE, STANDIN], ids=["project", "ollama-standin"])
def test_hadolint_passes(path: Path) -> None:
    result = subprocess.run(
        [str(tool("hadolint")), "--failure-threshold", "info", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_base_image_is_pinned_by_tag_and_digest_in_one_place() -> None:
    """docker/Dockerfile's one global `ARG BASE_IMAGE=` is the pinned official image; every stage
    builds FROM it or from an earlier stage; no other tracked file writes the digest (compose
    passes BASE_IMAGE only when set, scripts/docker_base_image.sh reads this default)."""
    lines = DOCKERFILE.read_text().splitlines()
    args = [ln for ln in lines if ln.startswith("ARG BASE_IMAGE")]
    assert len(args) == 1 and PINNED_BASE.match(args[0]), args
    assert args[0] in dockerfile_stages()[""]
    stages = list(dockerfile_stages())
    for line in (ln for ln in lines if ln.startswith("FROM ")):
        parent, name = line.split()[1], line.split()[3]
        assert parent == "${BASE_IMAGE}" or stages.index(parent) < stages.index(name), line
    digest = args[0].split("@")[1]
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    writers = [f for f in tracked if (REPO_ROOT / f).is_file() and f != "docker/Dockerfile"]
    assert [f for f in writers if digest in (REPO_ROOT / f).read_text(errors="replace")] == []
    standin = STANDIN.read_text().splitlines()
    assert "ARG BASE_IMAGE" in standin and "FROM ${BASE_IMAGE}" in standin


@pytest.mark.parametrize("image", [*sorted(BUILT_SERVICES), "llm", "ollama-standin"])
def test_any_uid_works_including_root(image: str) -> None:
    """useradd --non-unique: APP_UID=0 (root) or a uid the base image already uses."""
    if image == "ollama-standin":
        text = STANDIN.read_text()
    elif image == "llm":
        text = dockerfile_stages()["llm"]
    else:
        text = dockerfile(image)
    assert 'useradd --non-unique --uid "${APP_UID}"' in text
    assert re.findall(r"^USER (\S+)$", text, flags=re.M)[-1] == "${APP_UID}"


def test_one_deps_stage_installs_the_named_groups_then_slims() -> None:
    deps = dockerfile_stages()["deps"].splitlines()
    assert [ln for ln in deps if ln.startswith("RUN ")] == [INSTALL]
    lock_copy = next(i for i, ln in enumerate(deps) if ln.startswith("COPY pyproject.toml"))
    assert "poetry.lock" in deps[lock_copy] and lock_copy < deps.index(INSTALL)
    script = (REPO_ROOT / "docker" / "build_venv.sh").read_text()
    assert 'poetry install --only "$groups" --no-root' in script
    assert 'slim_venv.sh" /opt/venv "$@"' in script


def test_dropped_distributions_are_imported_by_no_service_code(
    builds: dict[str, dict[str, Any]],
) -> None:
    """slim_venv.sh removes distributions a service's group installs but its code never imports."""
    for service, (_, _, module) in BUILT_SERVICES.items():
        for dist in builds[service]["args"].get("VENV_DROP", "").split():
            top = dist.split("_runtime")[0]
            for source in [
                *(REPO_ROOT / module).rglob("*.py"),
                *(REPO_ROOT / "f1lake").rglob("*.py"),
            ]:
                text = source.read_text()
                assert not re.search(rf"^\s*(import|from) {top}\b", text, flags=re.M), source


def poetry_groups() -> set[str]:
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    return set(pyproject["tool"]["poetry"]["group"]) | {"main"}


@pytest.mark.parametrize("service", sorted(BUILT_SERVICES))
def test_installs_only_its_poetry_group_from_the_lock_before_the_source(
    service: str, builds: dict[str, dict[str, Any]]
) -> None:
    target, group, module = BUILT_SERVICES[service]
    assert builds[service]["dockerfile"] == "docker/Dockerfile"
    assert builds[service]["target"] == target
    groups = builds[service]["args"]["POETRY_GROUPS"].split(",")
    assert groups == ["main", group]
    assert set(groups) <= poetry_groups(), f"{service}: {groups} not in pyproject.toml groups"
    # the venv is built before any source is copied (code edits keep the install layer cached)
    assert re.search(rf"^COPY .*\b{module} ", dockerfile_stages()[target], flags=re.M)
    for shared in ("deps", "runtime"):
        assert not re.search(rf"^COPY .*\b{module} ", dockerfile_stages()[shared], flags=re.M)


@pytest.mark.parametrize("service", sorted(BUILT_SERVICES))
def test_runs_as_non_root_in_opt_app_with_data_root_env(service: str) -> None:
    text = dockerfile(service)
    users = re.findall(r"^USER (\S+)$", text, flags=re.M)
    assert users and users[-1] not in {"root", "0", "0:0"}
    assert "useradd --non-unique --uid" in text
    assert re.findall(r"^WORKDIR (\S+)$", text, flags=re.M)[-1] == "/opt/app"
    assert "EXTERNAL_DATA_ROOT=/opt/data" in text


@pytest.mark.parametrize("service", sorted(BUILT_SERVICES))
def test_entrypoint_is_the_project_cli(service: str) -> None:
    module = BUILT_SERVICES[service][2]
    assert dockerfile_exec_form(dockerfile(service), "ENTRYPOINT") == ["python", "-m", module]


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_long_running_images_have_a_stdlib_healthcheck(service: str) -> None:
    text = dockerfile(service)
    check = re.search(r"^HEALTHCHECK .*\\\n\s+CMD (\[.*\])$", text, flags=re.M)
    assert check, service
    assert "urllib.request.urlopen('http://127.0.0.1:" in check.group(1)
    instructions = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    assert "curl" not in instructions and "wget" not in instructions


def test_dockerignore_keeps_data_caches_and_build_output_out() -> None:
    lines = {
        ln.strip()
        for ln in (REPO_ROOT / ".dockerignore").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    }
    # Everything is excluded first, then only the lock files and the service sources come back.
    assert "*" in lines
    reincluded = {ln[1:].rstrip("/") for ln in lines if ln.startswith("!")}
    assert reincluded == {
        "pyproject.toml",
        "poetry.lock",
        "f1lake",
        "ingestion",
        "transform",
        "ai",
        "dashboard",
        "ml",
        "docker/build_venv.sh",
        "docker/slim_venv.sh",
        "tests/ollama_standin.py",
        "docker/model",  # the llm image: its Dockerfile, serve.sh and the wheels make puts there
    }
    for pattern in ("**/*.parquet", "**/*.duckdb", "**/*.sqlite", "transform/target/", "**/.env"):
        assert pattern in lines, pattern
