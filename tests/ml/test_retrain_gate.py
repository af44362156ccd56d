"""`ml retrain` promotes a candidate only when it is not worse than the served model on the
latest season: the first candidate (nothing served) is promoted, a deliberately worse one (the
base rate: the same probability for every driver) stays in models/candidates/, the served
versions are untouched and the command exits 3; a bad --kind is a one-line error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

# a small window, one OpenMP thread (on a busy CI host its spin-waiting costs more than it saves)
ENV = {"ML_MIN_TRAIN_SEASON": "2022", "ML_TRAIN_WINDOW": "3", "OMP_NUM_THREADS": "1"}


@pytest.fixture(scope="module")
def gate_root(history_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gate-root")
    (root / "warehouse").mkdir()
    shutil.copy(history_root / "warehouse" / "f1.duckdb", root / "warehouse" / "f1.duckdb")
    return root


def served(root: Path) -> dict[str, list[str]]:
    return {t: sorted(p.name for p in (root / "models" / t).iterdir()) for t in ("win", "top10")}


def test_a_worse_candidate_stays_out_of_service(gate_root: Path) -> None:
    first = run_cli(["-m", "ml", "retrain"], gate_root, **ENV)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert first.stdout.count("promoted") == 4
    before = served(gate_root)
    worse = run_cli(["-m", "ml", "retrain", "--kind", "base_rate"], gate_root, **ENV)
    assert worse.returncode == 3, worse.stdout[-2000:] + worse.stderr[-2000:]
    assert served(gate_root) == before  # still the first versions
    log = json.loads((gate_root / "models" / "retrain.json").read_text())
    decisions = {d["target"]: d for d in log["decisions"]}
    for target in ("win", "podium", "top10"):
        decision = decisions[target]
        assert not decision["promoted"]
        assert decision["candidate_log_loss"] > decision["served_log_loss"]
        assert (
            gate_root / "models" / "candidates" / target / decision["candidate_version"]
        ).is_dir()


def test_unknown_kind_is_one_line(gate_root: Path) -> None:
    result = run_cli(["-m", "ml", "retrain", "--kind", "magic"], gate_root, **ENV)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown --kind 'magic'" in result.stderr
