"""The dashboard keeps working while `python -m transform build` swaps the warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from tests.dashboard.conftest import APP

pytestmark = pytest.mark.realdata

PAGES = ("app_pages/overview.py", "app_pages/race.py", "app_pages/compare.py")


def test_pages_render_during_a_rebuild(app_env: Path) -> None:
    warehouse = app_env / "warehouse" / "f1.duckdb"
    before = warehouse.stat().st_ino
    build = subprocess.Popen(
        [sys.executable, "-m", "transform", "build"],
        cwd=REPO_ROOT,
        env={**os.environ, "EXTERNAL_DATA_ROOT": str(app_env)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    renders = 0
    try:
        while build.poll() is None or renders < len(PAGES):
            at = AppTest.from_file(str(APP), default_timeout=120)
            at.query_params["session"] = "2024-10-Q"
            at.switch_page(PAGES[renders % len(PAGES)])
            at.run()
            assert not at.exception, at.exception
            assert not at.error
            assert at.title[0].value == "Spanish Grand Prix 2024"
            if renders % len(PAGES) == 0:
                assert at.dataframe[0].value.iloc[0]["Lap time"] == "1:11.383"
            renders += 1
    finally:
        _, stderr = build.communicate(timeout=900)
    assert build.returncode == 0, stderr[-2000:]
    assert warehouse.stat().st_ino != before, "the build swapped in a new warehouse file"
    # after the swap the page reads the new file (cache keyed on the file identity)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["session"] = "2024-10-Q"
    at.run()
    assert not at.exception
    assert at.dataframe[0].value.iloc[0]["Driver"] == "NOR"
    print(f"{renders} page renders during the rebuild")
