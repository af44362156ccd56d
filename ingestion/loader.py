"""Everything that talks to Fast-F1: cache set-up, schedules and session loads.

Fast-F1 itself is imported on first use only, so a run with nothing to load (everything already
in the manifest, or not in the offline cache) never pays for importing it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from f1lake.sessions import qualifying_codes
from ingestion.errors import RateLimitReachedError
from ingestion.network import network_error
from ingestion.selection import SessionKey

logger = logging.getLogger(__name__)


def configure_fastf1(cache_dir: Path, *, offline: bool, ignore_version: bool = False) -> None:
    """Point Fast-F1 at its cache and set offline mode; its logs are routed by `run_log`."""
    import fastf1

    cache_dir.mkdir(parents=True, exist_ok=True)
    fastf1.set_log_level("INFO")
    use_fastf1_cache(cache_dir, offline=offline, ignore_version=ignore_version)


def use_fastf1_cache(cache_dir: Path, *, offline: bool, ignore_version: bool = False) -> None:
    """Point Fast-F1 at a cache folder (HTTP sqlite + pickle tree): `Cache.configure` (Fast-F1
    >= 3.9), else the older `enable_cache`; offline mode answers only from that cache.
    `ignore_version` is Fast-F1's own switch to use pickles written by older Fast-F1 versions."""
    import fastf1

    configure = getattr(fastf1.Cache, "configure", None)
    if configure is not None:
        configure(cache_dir=str(cache_dir), ignore_version=ignore_version)
    else:  # pragma: no cover - Fast-F1 < 3.9
        fastf1.Cache.enable_cache(str(cache_dir), ignore_version=ignore_version)
    fastf1.Cache.offline_mode(offline)


class ScheduleMissingError(Exception):
    """Fast-F1 found no event schedule for a season (offline: not in the cache)."""


class FastF1ExitError(RuntimeError):
    """Fast-F1 called exit() (e.g. a stale pickle it could not refresh)."""


@contextmanager
def fastf1_errors() -> Iterator[None]:
    """Fast-F1's rate limit, lost network and exit() as the ingestion's own errors."""
    from fastf1.req import RateLimitExceededError
    from requests import ConnectionError as RequestsConnectionError

    try:
        yield
    except RateLimitExceededError as exc:
        raise RateLimitReachedError(str(exc)) from exc
    except RequestsConnectionError as exc:
        raise network_error(exc) from exc
    except SystemExit as exc:
        raise FastF1ExitError(
            "Fast-F1 gave up (a cache update was required but the data could not be loaded; "
            "for a cache of an older Fast-F1 try --ignore-cache-version)"
        ) from exc


def load_schedule(season: int) -> pd.DataFrame:
    """The season's event schedule, without pre-season testing (round 0)."""
    import fastf1

    with fastf1_errors():
        try:
            schedule = fastf1.get_event_schedule(season, include_testing=False)
        except ValueError as exc:  # "Failed to load any schedule data."
            raise ScheduleMissingError(f"no event schedule for {season}: {exc}") from exc
    return pd.DataFrame(schedule)


@dataclass
class LoadedSession:
    """What Fast-F1 returned for one session; a table is None when Fast-F1 has no data."""

    key: SessionKey
    info: dict[str, Any]
    frames: dict[str, pd.DataFrame | None] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        """False when Fast-F1 knows nothing about the session (not in cache / not run)."""
        return bool(self.info.get("session_key")) or any(
            frame is not None and len(frame) > 0 for frame in self.frames.values()
        )


def _frame(session: Any, attribute: str) -> pd.DataFrame | None:
    from fastf1.exceptions import DataNotLoadedError

    try:
        value = getattr(session, attribute)
    except DataNotLoadedError:
        return None
    if value is None:
        return None
    return pd.DataFrame(value)


def _telemetry(session: Any, attribute: str) -> pd.DataFrame | None:
    from fastf1.exceptions import DataNotLoadedError

    try:
        per_driver = getattr(session, attribute)
    except DataNotLoadedError:
        return None
    parts = []
    for driver_number, frame in per_driver.items():
        if len(frame):
            parts.append(pd.DataFrame(frame).assign(DriverNumber=str(driver_number)))
    return pd.concat(parts, ignore_index=True) if parts else None


def _qualifying_parts(session: Any) -> pd.DataFrame | None:
    """Which part (1, 2, 3: Q1-Q3 or SQ1-SQ3) each lap of a knock-out session was driven in, by
    Fast-F1's own `Laps.split_qualifying_sessions()` (the timing parser's split times, else the
    session status); None when Fast-F1 cannot split the session (no laps or no status)."""
    from fastf1.exceptions import DataNotLoadedError

    try:
        parts = session.laps.split_qualifying_sessions()
    except (DataNotLoadedError, ValueError, KeyError, IndexError) as exc:
        logger.debug("no qualifying parts for %s: %s", session, exc)
        return None
    frames = [
        pd.DataFrame(
            {
                "DriverNumber": laps["DriverNumber"],
                "LapNumber": laps["LapNumber"],
                "QualifyingPart": number,
            }
        )
        for number, laps in enumerate(parts, start=1)
        if laps is not None and len(laps)
    ]
    return pd.concat(frames, ignore_index=True) if frames else None


def _session_info(session: Any) -> dict[str, Any]:
    from fastf1.exceptions import DataNotLoadedError

    try:
        raw = session.session_info
    except DataNotLoadedError:
        raw = {}
    meeting = raw.get("Meeting", {})
    country = meeting.get("Country", {})
    circuit = meeting.get("Circuit", {})

    def optional(attribute: str) -> Any:
        try:
            return getattr(session, attribute)
        except (DataNotLoadedError, AttributeError):
            return None

    return {
        "event_name": session.event.get("EventName"),
        "session_name": session.name,
        "session_date": session.date,
        "session_key": raw.get("Key"),
        "session_type": raw.get("Type"),
        "session_info_name": raw.get("Name"),
        "start_date": raw.get("StartDate"),
        "end_date": raw.get("EndDate"),
        "gmt_offset": raw.get("GmtOffset"),
        "archive_status": raw.get("ArchiveStatus", {}).get("Status"),
        "path": raw.get("Path"),
        "meeting_key": meeting.get("Key"),
        "meeting_name": meeting.get("Name"),
        "meeting_official_name": meeting.get("OfficialName"),
        "meeting_location": meeting.get("Location"),
        "country_key": country.get("Key"),
        "country_code": country.get("Code"),
        "country_name": country.get("Name"),
        "circuit_key": circuit.get("Key"),
        "circuit_short_name": circuit.get("ShortName"),
        "t0_date": optional("t0_date"),
        "total_laps": optional("total_laps"),
    }


def load_session(key: SessionKey, *, telemetry: bool) -> LoadedSession:
    """Load one session through Fast-F1's own `Session.load()`; missing pieces become None."""
    import fastf1

    with fastf1_errors():
        session = fastf1.get_session(key.season, key.round, key.code)
        session.load(laps=True, telemetry=telemetry, weather=True, messages=True)
    loaded = LoadedSession(key=key, info=_session_info(session))
    loaded.frames["results"] = _frame(session, "results")
    loaded.frames["laps"] = _frame(session, "laps")
    loaded.frames["weather"] = _frame(session, "weather_data")
    loaded.frames["race_control"] = _frame(session, "race_control_messages")
    if key.code in qualifying_codes():
        loaded.frames["qualifying_parts"] = _qualifying_parts(session)
    if telemetry:
        loaded.frames["car_data"] = _telemetry(session, "car_data")
        loaded.frames["position"] = _telemetry(session, "pos_data")
    return loaded
