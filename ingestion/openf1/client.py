"""The OpenF1 HTTP API: its rate limit, retries with backoff and a response cache.

- Rate limit: OpenF1 allows 3 requests a second and 30 a minute without an account; the client
  spaces its calls to stay under both (a sliding window), so it never causes a 429 itself
  (OPENF1_CALLS_PER_SECOND / OPENF1_CALLS_PER_MINUTE for an account's higher limits).
- Retries: a 429 (waits `Retry-After` when given), a 5xx or a lost connection is retried up to
  RETRIES times, waiting `backoff`, 2x, 4x ... seconds. A 429 that persists raises
  RateLimitReachedError (exit 3: run again later); a server that keeps failing raises
  OpenF1Error (that session is `failed`, retried by the next run); no connection at all raises
  NetworkUnavailableError (exit 4). OpenF1 answers 404 "No results found" for an empty query:
  that is no rows.
- Cache: every answer is stored as `<data root>/cache/openf1/<endpoint>/<query>.json` (atomic
  write) and served from there next time, so a re-run makes no calls. A season listing
  (`sessions?year=`, which grows during the season) is reused for `listing_max_age` only.
  `offline=True` answers only from the cache (a query never made answers nothing).
"""

from __future__ import annotations

import json
import logging
import time
import urllib.parse
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from f1lake.atomic import write_bytes_atomic
from ingestion.errors import IngestionError, NetworkUnavailableError, RateLimitReachedError
from ingestion.openf1.rows import Row, check_rows

RETRIES = 4
LIMITS = ((3, 1.0), (30, 60.0))  # (calls, seconds): OpenF1's limits without an account
logging.getLogger("urllib3").setLevel(logging.WARNING)  # its retry/connection chatter


class OpenF1Error(IngestionError):
    """OpenF1 kept failing for one query (the session is `failed`, retried next run)."""


class RateLimiter:
    """Waits before a call that would exceed any of `limits` in its sliding window."""

    def __init__(
        self,
        limits: tuple[tuple[int, float], ...] = LIMITS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits, self.clock, self.sleep = limits, clock, sleep
        self.calls: deque[float] = deque(maxlen=max(n for n, _ in limits))

    def wait(self) -> None:
        for count, window in self.limits:
            if len(self.calls) >= count:
                ready = self.calls[-count] + window
                if ready > self.clock():
                    self.sleep(ready - self.clock())
        self.calls.append(self.clock())


class OpenF1Client:
    source = "openf1:api"

    def __init__(
        self,
        base_url: str,
        cache_dir: Path,
        *,
        offline: bool = False,
        backoff: float = 2.0,
        listing_max_age: float = 6 * 3600.0,
        limits: tuple[tuple[int, float], ...] = LIMITS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache_dir = cache_dir
        self.offline = offline
        self.backoff = backoff
        self.listing_max_age = listing_max_age
        self.limiter = RateLimiter(limits, sleep=sleep)
        self.sleep = sleep
        self.calls = 0  # HTTP requests made (cache hits are not calls)
        self.http = requests.Session()
        self.http.headers["User-Agent"] = "f1lake-openf1"
        if offline:
            self.source = "openf1:offline-cache"

    def cache_path(self, endpoint: str, params: dict[str, Any]) -> Path:
        query = urllib.parse.urlencode(sorted(params.items())) or "all"
        return self.cache_dir / endpoint / f"{query.replace('&', '_')}.json"

    def fetch(self, endpoint: str, params: dict[str, Any], *, listing: bool = False) -> list[Row]:
        path = self.cache_path(endpoint, params)
        if path.is_file():
            age = time.time() - path.stat().st_mtime
            if self.offline or not listing or age <= self.listing_max_age:
                return check_rows(_read_json(path), f"cached OpenF1 response {path}")
        if self.offline:
            return []
        rows = self._get(endpoint, params)
        _write_atomic(path, rows)
        return rows

    def _get(self, endpoint: str, params: dict[str, Any]) -> list[Row]:
        url = f"{self.base_url}/{endpoint}"
        what = f"{url}?{urllib.parse.urlencode(params)}"
        for attempt in range(RETRIES + 1):
            self.limiter.wait()
            self.calls += 1
            try:
                response = self.http.get(url, params=params, timeout=30.0)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt == RETRIES:
                    raise NetworkUnavailableError(f"OpenF1 unreachable ({what}): {exc}") from None
                self.sleep(self.backoff * 2**attempt)
                continue
            if response.status_code == 404:
                return []  # OpenF1: {"detail": "No results found."}
            if response.status_code == 200:
                try:
                    return check_rows(response.json(), f"OpenF1 response to {what}")
                except ValueError as exc:
                    raise OpenF1Error(f"OpenF1 sent no JSON for {what}: {exc}") from None
            retryable = response.status_code == 429 or response.status_code >= 500
            if not retryable:
                raise OpenF1Error(f"OpenF1 answered {response.status_code} to {what}")
            if attempt == RETRIES:
                if response.status_code == 429:
                    raise RateLimitReachedError(
                        f"OpenF1's rate limit answered {what} {RETRIES + 1} times (HTTP 429)"
                    )
                raise OpenF1Error(f"OpenF1 answered {response.status_code} to {what}")
            self.sleep(_retry_after(response) or self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.http.close()


def _retry_after(response: requests.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("retry-after", "")))
    except ValueError:
        return None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise OpenF1Error(f"cached OpenF1 response {path} is damaged ({exc}); delete it") from None


def _write_atomic(path: Path, rows: list[Row]) -> None:
    write_bytes_atomic(path, json.dumps(rows).encode())
