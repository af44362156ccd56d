"""A setting nobody reads is said, not silently ignored (f1lake.settings.unknown_variables)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from f1lake.settings import unknown_variables
from tests.ops.ops_support import REPO_ROOT

EXAMPLE = REPO_ROOT / ".env.example"


def test_a_misspelt_variable_in_env_or_a_services_prefix_is_named(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("EXTERNAL_DATA_ROOT=/x\nCOPILOT_TIMEOUT_SECONDZ=3\n#COPILOT_OLD=1\nMY_OWN=1\n")
    environ = {"COPILOT_MAX_ROWZ": "5", "PATH": "/bin", "F1_CI_STATE": "/tmp", "CI": "true"}
    found = unknown_variables(env, EXAMPLE, environ)
    assert found == ["COPILOT_MAX_ROWZ", "COPILOT_TIMEOUT_SECONDZ", "MY_OWN"]


def test_the_documented_example_itself_is_all_known(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(EXAMPLE.read_text())
    assert unknown_variables(env, EXAMPLE, {}) == []
    nothing = unknown_variables(tmp_path / "missing", tmp_path / "no-example", {"COPILOT_X": "1"})
    assert nothing == []  # no .env.example at hand: nothing to compare with


def test_a_service_warns_once_in_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVELL=DEBUG\n")
    (tmp_path / ".env.example").write_text(EXAMPLE.read_text())
    code = "from f1lake.settings import CoreSettings; CoreSettings(); CoreSettings()"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr.splitlines() == [
        "settings: LOG_LEVELL not read by any service (see .env.example); ignored"
    ]
