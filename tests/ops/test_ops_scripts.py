"""The README's commands and the scripts behind them: what they refuse, and how they say it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from tests.ops.ops_support import REPO_ROOT


def run_script(
    name: str, *, wrapper: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*wrapper, "bash", str(REPO_ROOT / "scripts" / name)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


# Port 0 is always free: on a shared machine 8000/8501 may be held by someone else.


def makefile_targets() -> set[str]:
    text = (REPO_ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-zA-Z0-9_-]+):", text, flags=re.M))


def test_readme_names_the_two_commands() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make demo F1_CACHE_FROM=../shared/data/fastf1-cache/full" in readme


def test_every_make_target_the_readme_mentions_exists() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    mentioned = set(re.findall(r"`make ([a-z][a-z0-9-]*)", readme))
    assert {"demo", "test", "verify-gold", "up", "ollama-pull"} <= mentioned
    assert mentioned <= makefile_targets(), mentioned - makefile_targets()


def test_make_help_lists_the_entry_points() -> None:
    result = subprocess.run(["make", "help"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    listed = set(re.findall(r"^\s+(?:\x1b\[\d+m)?([a-z0-9-]+)", result.stdout, flags=re.M))
    wanted = {"setup", "demo", "ingest", "gold", "verify-gold", "dashboard", "copilot", "test"}
    wanted |= {"lint", "up", "down", "docker-ingest", "docker-gold", "docker-verify-gold"}
    wanted |= {"docker-ml-train", "docker-ml-predict"}
    assert wanted | {"ollama-pull", "serve", "init"} <= listed


def test_demo_without_network_or_cache_stops_with_one_line(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("unshare missing: cannot take the network away")
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no user+network namespaces here: cannot take the network away")
    result = run_script(
        "demo.sh", wrapper=("unshare", "-rn"), F1_CACHE_FROM="", EXTERNAL_DATA_ROOT=str(tmp_path)
    )
    # the ingestion CLI's "no network" exit code (4), one line naming the offline way
    assert result.returncode == 4
    assert result.stderr.strip() == (
        "error: no network: Fast-F1 cannot reach livetiming.formula1.com (ConnectionError); "
        "replay a Fast-F1 cache offline instead: --offline --cache-from PATH "
        "(make demo F1_CACHE_FROM=PATH)"
    )
    assert "serve:" not in result.stdout  # it stopped before building or serving
    assert not list(tmp_path.iterdir())


def test_demo_with_a_cache_folder_lacking_the_sqlite_stops_with_one_line(tmp_path: Path) -> None:
    root = str(tmp_path)
    result = run_script(
        "demo.sh", F1_CACHE_FROM=root, EXTERNAL_DATA_ROOT=root, COPILOT_PORT="0", DASHBOARD_PORT="0"
    )
    assert result.returncode == 2  # bad input: the CLI's usage exit code
    assert result.stderr.strip() == (
        f"error: --cache-from: no Fast-F1 cache at {tmp_path} "
        "(expected fastf1_http_cache.sqlite and/or <year>/<event>/<session>/*.ff1pkl)"
    )
    assert not list(tmp_path.iterdir())


def test_serve_refuses_a_busy_port_naming_the_variable(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_script(
            "serve.sh", COPILOT_PORT="0", DASHBOARD_PORT=str(port), EXTERNAL_DATA_ROOT=str(tmp_path)
        )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"serve: port {port} on 127.0.0.1 is already in use; "
        "stop what holds it or set DASHBOARD_PORT=<free port>"
    )


def test_demo_checks_ports_and_data_root_before_any_work(tmp_path: Path) -> None:
    cache = tmp_path / "no-cache-here"  # would fail the ingest (exit 2) if it were reached
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        root = str(tmp_path / "root")
        result = run_script(
            "demo.sh",
            F1_CACHE_FROM=str(cache),
            EXTERNAL_DATA_ROOT=root,
            COPILOT_PORT=str(port),
            DASHBOARD_PORT="0",
        )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"demo: port {port} on 127.0.0.1 is already in use; "
        "stop what holds it or set COPILOT_PORT=<free port>"
    )
    assert result.stdout == "" and not (tmp_path / "root").exists()

    read_only = tmp_path / "read-only"
    read_only.mkdir(mode=0o555)
    if os.access(read_only, os.W_OK):
        pytest.skip("running as root: permissions do not stop writes here")
    result = run_script(
        "demo.sh",
        F1_CACHE_FROM=str(cache),
        EXTERNAL_DATA_ROOT=str(read_only),
        COPILOT_PORT="0",
        DASHBOARD_PORT="0",
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"demo: data root '{read_only}' is not a writable")


def test_make_dashboard_points_at_the_copilot_port_given() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"COPILOT_PORT", "MAKEFLAGS"}}

    def dry_run(*args: str) -> str:
        command = ["make", "-n", "dashboard", *args]
        done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, env=env)
        return done.stdout

    assert "AI_SERVICE_URL=http://127.0.0.1:8123 " in dry_run("COPILOT_PORT=8123")
    assert "AI_SERVICE_URL" not in dry_run()  # .env or the default decides


@pytest.mark.parametrize(
    ("dot_env", "environment", "command_line", "expected"),
    [
        (None, None, None, "./data"),
        ('EXTERNAL_DATA_ROOT="/srv/f1"\n', None, None, "/srv/f1"),
        ("export EXTERNAL_DATA_ROOT=/srv/f1 # the NAS\nOTHER=1\n", None, None, "/srv/f1"),
        ("EXTERNAL_DATA_ROOT=/srv/f1\n", "/from/env", None, "/from/env"),
        ("EXTERNAL_DATA_ROOT=/srv/f1\n", "/from/env", "/from/cli", "/from/cli"),
    ],
)
def test_make_takes_the_data_root_in_the_settings_order(
    tmp_path: Path,
    dot_env: str | None,
    environment: str | None,
    command_line: str | None,
    expected: str,
) -> None:
    """command line > environment > .env > ./data, as pydantic-settings does for the services."""
    shutil.copy(REPO_ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "f1lake").symlink_to(REPO_ROOT / "f1lake")  # the .env reader Make asks
    if dot_env is not None:
        (tmp_path / ".env").write_text(dot_env)
    env = {k: v for k, v in os.environ.items() if k not in {"EXTERNAL_DATA_ROOT", "MAKEFLAGS"}}
    if environment is not None:
        env["EXTERNAL_DATA_ROOT"] = environment
    args = ["make", "-n", "init"]
    if command_line is not None:
        args.append(f"EXTERNAL_DATA_ROOT={command_line}")
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert f'scripts/init_external.sh "{expected}"' in result.stdout
