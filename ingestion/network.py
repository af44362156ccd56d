"""Is Fast-F1's data source reachable? Asked once before an online run writes anything.

Without network Fast-F1 does not fail fast: each request is retried, logged with a traceback,
and the run ends with "Failed to load any schedule data" or a rate-limit message. One HTTPS
request to the live-timing archive (through the same proxy settings `requests` uses) answers the
question in a moment; any HTTP answer counts as reachable.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ingestion.errors import NetworkUnavailableError

PROBE_URL = "https://livetiming.formula1.com/static/StreamingStatus.json"
OFFLINE_HINT = (
    "replay a Fast-F1 cache offline instead: --offline --cache-from PATH "
    "(make demo F1_CACHE_FROM=PATH)"
)


def require_network(timeout_s: float = 5.0) -> None:
    """NetworkUnavailableError (exit 4) unless the live-timing archive answers."""
    import requests

    try:
        requests.head(PROBE_URL, timeout=timeout_s, allow_redirects=False).close()
    except requests.RequestException as exc:
        raise network_error(exc) from None


def network_error(exc: BaseException) -> NetworkUnavailableError:
    host = urlsplit(PROBE_URL).hostname
    return NetworkUnavailableError(
        f"no network: Fast-F1 cannot reach {host} ({type(exc).__name__}); {OFFLINE_HINT}"
    )
