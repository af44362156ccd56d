"""Errors of the ingestion and the policy for each.

Error policy (what degrades, what aborts):
- Bad input (unknown season, round or session code, malformed ranges): abort BEFORE any session
  load with one line on stderr and exit code 2 (`SelectionError`).
- A session Fast-F1 does not have (not in the offline cache, not yet run, not in the archive):
  recorded in the manifest as `unavailable`; the run goes on; exit code stays 0.
- A table Fast-F1 has no data for (e.g. no laps for a race, no weather): the table is recorded as
  `no_data` in the manifest and nothing is written for it; the session is still `ok`.
- Any other exception while loading or writing one session: recorded as `failed` with the error
  text; the run goes on with the next session; the exit code is 1 at the end.
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
