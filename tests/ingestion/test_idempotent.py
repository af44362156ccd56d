"""A second run with nothing new makes no Fast-F1 call at all; --force re-ingests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import fastf1
import pytest

from ingestion.runner import Ingestor, RunRequest
from ingestion.settings import IngestionSettings
from tests.conftest import real_catalog

pytestmark = pytest.mark.realdata


def forbid_fastf1(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refuse(name: str) -> Callable[..., None]:
        def called(*args: object, **kwargs: object) -> None:
            calls.append(name)
            raise AssertionError(f"Fast-F1 {name} was called on a no-op run")

        return called

    monkeypatch.setattr(fastf1, "get_session", refuse("get_session"))
    monkeypatch.setattr(fastf1, "get_event_schedule", refuse("get_event_schedule"))
    monkeypatch.setattr(fastf1.core.Session, "load", refuse("Session.load"))
    return calls


def test_rerun_makes_no_fastf1_load(
    real_data_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    shutil.copytree(real_data_root, root)
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(root))
    before = {p: p.stat().st_mtime_ns for p in (root / "bronze").rglob("*.parquet")}
    calls = forbid_fastf1(monkeypatch)
    ingestor = Ingestor(IngestionSettings())
    request = RunRequest("2018-2026", "all", "all", offline=True)
    keys = ingestor.plan(request)
    report = ingestor.run(request, keys)
    assert calls == []  # no schedule fetch, no get_session, no Session.load
    assert report.entries == []
    assert len(keys) == 978  # every scheduled session 2018-2026 was considered
    assert len(report.skipped) == len(real_catalog())  # every cached session: ok / no_data
    assert len(report.unavailable) == len(keys) - len(real_catalog())  # re-probed, no load
    after = {p: p.stat().st_mtime_ns for p in (root / "bronze").rglob("*.parquet")}
    assert after == before  # nothing rewritten


def test_force_reingests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import seed_cache

    seed_cache(tmp_path, "olsonlin1996-2024-races")
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(tmp_path))
    ingestor = Ingestor(IngestionSettings())
    request = RunRequest("2024", "10", "R", offline=True)
    first = ingestor.run(request, ingestor.plan(request))
    assert [e.status for e in first.entries] == ["ok"]
    assert first.entries[0].rows["results"] == 20
    again = ingestor.run(request, ingestor.plan(request))
    assert again.entries == [] and len(again.skipped) == 1
    forced = RunRequest("2024", "10", "R", offline=True, force=True)
    third = ingestor.run(forced, ingestor.plan(forced))
    assert [e.rows["results"] for e in third.entries] == [20]


def test_future_session_is_unavailable_without_any_fastf1_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from tests.conftest import seed_cache

    seed_cache(tmp_path, "olsonlin1996-2024-races")
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(tmp_path))
    ingestor = Ingestor(IngestionSettings())
    request = RunRequest("2024", "10", "R", offline=False)  # online: no cache probe
    keys = ingestor.plan(request)
    assert ingestor.starts_at[keys[0]] == dt.datetime(2024, 6, 23, 13, 0)  # from the schedule
    ingestor.starts_at[keys[0]] = dt.datetime(2999, 1, 1)  # pretend it lies ahead
    calls = forbid_fastf1(monkeypatch)
    report = ingestor.run(request, keys)
    assert calls == [] and report.entries == [] and report.unavailable == keys
    entry = ingestor.manifest.read(keys[0])
    assert entry is not None
    assert (entry["status"], entry["error"]) == (
        "unavailable",
        "not run yet (starts 2999-01-01 00:00 UTC)",
    )


def test_a_noop_rerun_reads_no_pickle_of_the_source(
    real_data_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole CLI again over the same --cache-from: no source pickle is read or checked, the
    sqlite is not merged again (the stamps recorded by the first run say nothing changed)."""
    from typer.testing import CliRunner

    from ingestion import cache_import
    from ingestion.__main__ import app
    from tests.conftest import INGEST_ALL, require_shared_cache

    root = tmp_path / "root"
    shutil.copytree(real_data_root, root)
    monkeypatch.setenv("EXTERNAL_DATA_ROOT", str(root))
    forbid_fastf1(monkeypatch)
    opened: list[Path] = []
    real_open = Path.open

    def watched_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.suffix == ".ff1pkl" or self.name == "fastf1_http_cache.sqlite":
            opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    def refuse(*args: object) -> None:
        raise AssertionError(f"no source file should be re-read: {args}")

    monkeypatch.setattr(Path, "open", watched_open)  # read_bytes and copyfile's reads
    monkeypatch.setattr(cache_import, "check_pickle", refuse)
    monkeypatch.setattr(cache_import, "_merge_database", refuse)
    source = require_shared_cache()
    result = CliRunner().invoke(app, [*INGEST_ALL[2:], "--cache-from", str(source)])
    assert result.exit_code == 0, result.output
    assert opened == []
    assert "cache-from:" not in result.output  # nothing new: no import line
    done = f"nothing loaded; {len(real_catalog())} already in the manifest"
    assert done in result.output.replace("\n", "")
