"""The online path stops cleanly at Jolpica's rate limit (exit 3, what is written is kept) and
the next run resumes: tested offline on the real cache's Jolpica responses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from ingestion.__main__ import app
from ingestion.errors import RateLimitReachedError
from ingestion.history import api_source
from tests.conftest import seed_cache

pytestmark = pytest.mark.realdata


def manifest_seasons(root: Path) -> dict[int, str]:
    folder = root / "bronze" / "history" / "_manifest"
    return {
        int(p.parent.name.split("=")[1]): pq.read_table(p).column("status")[0].as_py()
        for p in folder.glob("season=*/part-0.parquet")
    }


def test_rate_limit_stops_then_next_run_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_cache(tmp_path, "all")
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(tmp_path))
    original = api_source.ErgastFetcher.fetch

    def limited(self: Any, season: int) -> Any:
        if season == 2023:
            raise RateLimitReachedError("Jolpica rate limit reached (test)")
        return original(self, season)

    args = ["history", "--seasons", "2021-2024", "--offline"]
    monkeypatch.setattr(api_source.ErgastFetcher, "fetch", limited)
    stopped = CliRunner().invoke(app, args)
    assert stopped.exit_code == 3, stopped.output
    assert set(manifest_seasons(tmp_path)) == {0, 2021, 2022}  # 0 = the dimension files
    kept = tmp_path / "bronze" / "history" / "races" / "season=2022" / "part-0.parquet"
    assert pq.read_table(kept).num_rows == 22

    monkeypatch.setattr(api_source.ErgastFetcher, "fetch", original)
    resumed = CliRunner().invoke(app, args)
    assert resumed.exit_code == 0, resumed.output
    seasons = manifest_seasons(tmp_path)
    assert {2021, 2022, 2023, 2024} <= set(seasons)
    assert pq.read_table(kept).num_rows == 22
    results = tmp_path / "bronze" / "history" / "results" / "season=2024" / "part-0.parquet"
    assert pq.read_table(results).num_rows == 479  # all 24 rounds are in the real cache
