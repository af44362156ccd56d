"""`python -m tests.transform.ingest_full run ...`: the ingestion CLI, with the offline cache probe
also seeing sessions that only Fast-F1's parsed-data layer (.ff1pkl tree) holds.

Stop-gap for the real-data fixture until ingestion's own probe reads the pickle tree (issue 9
item 1, helper "ingest"): the probe is widened, never narrowed, so once ingestion finds those
sessions itself this wrapper changes nothing and can be replaced by `python -m ingestion`.
"""

from __future__ import annotations

from pathlib import Path

import ingestion.runner as runner
from ingestion.cache_probe import CachedSessionName

_http_probe = runner.cached_sessions


def with_pickle_tree(cache_dir: Path) -> frozenset[CachedSessionName]:
    """The HTTP cache's sessions plus every `<year>/<date>_<event>/<date>_<session>/*.ff1pkl`."""
    found = set(_http_probe(cache_dir))
    for folder in cache_dir.glob("[0-9][0-9][0-9][0-9]/*_*/*_*/"):
        if any(folder.glob("*.ff1pkl")):
            event_date, event_name = folder.parent.name.split("_", 1)
            found.add(CachedSessionName(event_date, event_name, folder.name.split("_", 1)[1]))
    return frozenset(found)


if __name__ == "__main__":
    runner.cached_sessions = with_pickle_tree  # type: ignore[assignment]
    from ingestion.__main__ import app

    app(prog_name="ingestion")
