"""Fast-F1's rate-limit error stops the run cleanly, keeps what is done, says when to resume."""

from __future__ import annotations

from pathlib import Path

import fastf1
import pytest
from fastf1.req import RateLimitExceededError
from typer.testing import CliRunner

from ingestion.__main__ import app
from tests.conftest import seed_cache

pytestmark = pytest.mark.realdata


def test_rate_limit_stops_cleanly_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_cache(tmp_path, "olsonlin1996-2024-races")
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(tmp_path))
    real_load = fastf1.core.Session.load
    loads: list[str] = []

    def limited(session: fastf1.core.Session, *args: object, **kwargs: object) -> None:
        if len(loads) == 2:
            raise RateLimitExceededError("ergast: 500 calls/h")
        loads.append(session.name)
        return real_load(session, *args, **kwargs)

    monkeypatch.setattr(fastf1.core.Session, "load", limited)
    args = ["run", "--season", "2024", "--rounds", "1-4", "--sessions", "R", "--offline"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3
    assert "rate limit" in result.output and "run the same command again in an hour" in (
        result.output
    )
    manifest = sorted((tmp_path / "bronze/_manifest").rglob("*.parquet"))
    assert [p.parent.parent.name for p in manifest] == ["round=01", "round=02"]

    monkeypatch.setattr(fastf1.core.Session, "load", real_load)
    resumed = CliRunner().invoke(app, args)
    assert resumed.exit_code == 0, resumed.output
    assert "2 ok; 2 already in the manifest" in resumed.output
