"""Errors of the ingestion and the policy for each.

Error policy (what degrades, what aborts):
- Bad input (unknown season, round or session code, malformed or empty values, ranges outside
  the real season/round bounds, checked before any range is expanded): abort BEFORE any session
  load with one line on stderr and exit code 2 (`SelectionError`).
- A --cache-from folder with a damaged file (a sqlite that is not a database, a pickle that
  cannot be read): one line naming the file, exit code 2 (`CacheFileError`), nothing written.
- No network on an online run: one line saying so, exit code 4 (`NetworkUnavailableError`),
  checked before anything is written; a connection lost in the middle of a run stops it the
  same way, keeping what is done. Fast-F1's request errors never print tracebacks.
- A session Fast-F1 does not have: recorded in the manifest as `unavailable`; the run goes on;
  exit code stays 0. Offline, this is decided from the cache's SQLite file before any Fast-F1
  call (none of the session's live-timing files cached); online, from an empty load (not run
  yet, not in the archive). `unavailable` is retried by every later run (offline: a cheap cache
  probe again, so a cache that grew, e.g. with --cache-from, is picked up).
- A table Fast-F1 has no data for (e.g. no laps for a race, no weather): nothing is written for
  it and its row count is NULL in the manifest (`no_data_tables`); the session is still `ok`.
  A session the cache holds but from which Fast-F1 returns no rows at all is `no_data`.
- `ok` and `no_data` are final: later runs skip them without calling Fast-F1, unless --force.
- Any other exception while loading or writing one session: recorded as `failed` with the error
  text; the run goes on with the next session; the exit code is 1 at the end; the next run
  retries it.
- Fast-F1's own log records (archive gaps, Ergast fallbacks, data fixes, tracebacks of its caught
  request errors) go to the run's log file `<data root>/logs/ingestion/<run>.log`, never to the
  console; the summary table shows each session's warning count and the manifest keeps it. Its
  per-file "offline, no cached response" warnings are not counted (the manifest records those gaps).
- Fast-F1 calling `exit()` (a stale pickle it cannot refresh): that session is `failed`.
- Fast-F1's rate limit (`RateLimitExceededError`, 500 calls/h): the run stops at once, everything
  already written is kept, the manifest says what is done, and the message says when to resume
  (exit code 3). Re-running later continues where it stopped.
- A kill at any moment: partitions and manifest entries are written to a temporary file and
  renamed into place, so readers only ever see complete files; the manifest entry is written last,
  so a killed session is simply ingested again by the next run.
"""

from __future__ import annotations


class IngestionError(Exception):
    """Base class of errors the CLI reports in one line."""

    exit_code = 1


class SelectionError(IngestionError):
    """The requested seasons/rounds/sessions are invalid (usage error)."""

    exit_code = 2


class RateLimitReachedError(IngestionError):
    """Fast-F1's API rate limit was hit: stop cleanly, resume later."""

    exit_code = 3


class CacheFileError(SelectionError):
    """A --cache-from file is damaged or not a Fast-F1 cache (usage error, nothing written)."""


class NetworkUnavailableError(IngestionError):
    """An online run cannot reach Fast-F1's servers."""

    exit_code = 4
