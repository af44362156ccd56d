"""The service Dockerfiles: hadolint-clean, pinned, lock-driven, non-root, healthchecked."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.ops.ops_support import (
    BUILT_SERVICES,
    LONG_RUNNING,
    REPO_ROOT,
    dockerfile,
    dockerfile_exec_form,
    tool,
)

PINNED_BASE = re.compile(r"^ARG BASE_IMAGE=python:3\.11\.\d+-slim(-bookworm)?@sha256:[0-9a-f]{64}$")
# docker/build_venv.sh GROUPS [DIST ...]: poetry install --only GROUPS, then slim_venv.sh DIST ...
INSTALL = re.compile(r"^RUN sh build_venv\.sh ([\w,]+)(.*)$")


# The project images and the docker tests' Ollama stand-in (same base, same user handling).
IMAGES = [*sorted(BUILT_SERVICES), "ollama-standin"]


def dockerfile_path(image: str) -> Path:
    if image == "ollama-standin":
        return REPO_ROOT / "tests" / "ops" / "ollama_standin.Dockerfile"
    return REPO_ROOT / "docker" / BUILT_SERVICES[image][0] / "Dockerfile"


@pytest.mark.parametrize("service", IMAGES)
def test_hadolint_passes(service: str) -> None:
    path = dockerfile_path(service)
    result = subprocess.run(
        [str(tool("hadolint")), "--failure-threshold", "info", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def base_image_files() -> dict[str, str]:
    files = {s: dockerfile(s) for s in BUILT_SERVICES}
    files["ollama-standin"] = (
        REPO_ROOT / "tests" / "ops" / "ollama_standin.Dockerfile"
    ).read_text()
    return files


@pytest.mark.parametrize("service", IMAGES)
def test_base_image_is_an_argument_pinned_by_tag_and_digest(service: str) -> None:
    """Every stage builds FROM ${BASE_IMAGE}; its default is the pinned official image, the same
    in every Dockerfile and in scripts/docker_base_image.sh."""
    lines = dockerfile_path(service).read_text().splitlines()
    args = [ln for ln in lines if ln.startswith("ARG BASE_IMAGE=")]
    assert len(args) == 1 and PINNED_BASE.match(args[0]), args
    pinned = args[0].split("=", 1)[1]
    assert (
        f'OFFICIAL_IMAGE="{pinned}"' in (REPO_ROOT / "scripts" / "docker_base_image.sh").read_text()
    )
    froms = [ln for ln in lines if ln.startswith("FROM ")]
    assert froms and all(ln.split()[1] == "${BASE_IMAGE}" for ln in froms), froms
    assert lines.index(args[0]) < lines.index(froms[0])


@pytest.mark.parametrize("service", IMAGES)
def test_any_uid_works_including_root(service: str) -> None:
    """useradd --non-unique: APP_UID=0 (root) or a uid the base image already uses."""
    text = dockerfile_path(service).read_text()
    assert 'useradd --non-unique --uid "${APP_UID}"' in text
    assert re.findall(r"^USER (\S+)$", text, flags=re.M)[-1] == "${APP_UID}"


def build_venv_run(service: str) -> tuple[int, re.Match[str]]:
    """The Dockerfile's one `RUN sh build_venv.sh GROUPS [DIST ...]`: its line index and match."""
    lines = dockerfile(service).splitlines()
    runs = [(i, m) for i, ln in enumerate(lines) if (m := INSTALL.match(ln))]
    assert len(runs) == 1, service
    return runs[0]


def test_build_venv_installs_the_named_groups_then_slims() -> None:
    script = (REPO_ROOT / "docker" / "build_venv.sh").read_text()
    assert 'poetry install --only "$groups" --no-root' in script
    assert 'slim_venv.sh" /opt/venv "$@"' in script


def test_dropped_distributions_are_imported_by_no_service_code() -> None:
    """slim_venv.sh removes distributions a service's group installs but its code never imports."""
    for service, (_, _, module) in BUILT_SERVICES.items():
        _, run = build_venv_run(service)
        for dist in run.group(2).split():
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
def test_installs_only_its_poetry_group_from_the_lock_before_the_source(service: str) -> None:
    _, group, module = BUILT_SERVICES[service]
    lines = dockerfile(service).splitlines()
    at, match = build_venv_run(service)
    groups = match.group(1).split(",")
    assert groups == ["main", group]
    assert set(groups) <= poetry_groups(), f"{service}: {groups} not in pyproject.toml groups"
    lock_copy = next(i for i, ln in enumerate(lines) if ln.startswith("COPY pyproject.toml"))
    assert "poetry.lock" in lines[lock_copy]
    source_copy = next(i for i, ln in enumerate(lines) if re.match(rf"COPY .*\b{module} ", ln))
    assert lock_copy < at < source_copy


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
