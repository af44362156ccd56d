"""f1lake.dotenv, the one reader of .env: it reads what python-dotenv (pydantic-settings' own
reader) reads, the services' settings take .env through it, and Make asks it without a venv."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from dotenv import dotenv_values

from f1lake.dotenv import read_dotenv
from f1lake.settings import CoreSettings
from tests.ops.ops_support import REPO_ROOT

SAMPLE = r"""# a comment, then every form a settings file holds
EXTERNAL_DATA_ROOT="/srv/f1 data"
export APP_UID=4242
LOG_LEVEL=DEBUG # inline comment
SINGLE='literal ${LOG_LEVEL} \'quoted\' \\ \n'
DOUBLE="tab\there \"quoted\" ${LOG_LEVEL}"
FALLBACK=${F1_TEST_UNSET_NAME:-fallback}/x
FROM_ENV=${F1_TEST_DOTENV_HOME}
EMPTY=
  SPACED  =  spaced value
HASH="not # a comment"
GLUED=a#b
REDEFINED=1
REDEFINED=2
not a binding line
"""


def test_reads_what_python_dotenv_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("F1_TEST_DOTENV_HOME", "/home/fan")
    path = tmp_path / ".env"
    path.write_text(SAMPLE)
    expected = {k: v for k, v in dotenv_values(path).items() if v is not None}
    assert read_dotenv(path) == expected
    assert expected["EXTERNAL_DATA_ROOT"] == "/srv/f1 data" and expected["FROM_ENV"] == "/home/fan"
    assert read_dotenv(tmp_path / "missing.env") == {}


def test_the_services_settings_take_dotenv_through_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EXTERNAL_DATA_ROOT", raising=False)
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    (tmp_path / ".env").write_text("export EXTERNAL_DATA_ROOT='/srv/f1' # NAS\nLOG_LEVEL=DEBUG\n")
    settings = CoreSettings()
    assert (settings.external_data_root, settings.log_level) == (Path("/srv/f1"), "DEBUG")
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", "/from/env")  # the environment beats .env
    assert CoreSettings().external_data_root == Path("/from/env")


def test_make_asks_it_with_the_system_python(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('APP_UID="77"\n')
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    ask = ["python3", "-m", "f1lake.dotenv"]
    run = subprocess.run([*ask, "APP_UID", "0"], cwd=tmp_path, env=env, capture_output=True)
    assert run.stdout.decode().strip() == "77"
    run = subprocess.run([*ask, "MISSING", "./data"], cwd=tmp_path, env=env, capture_output=True)
    assert run.stdout.decode().strip() == "./data"
