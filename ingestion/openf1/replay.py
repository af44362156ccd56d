"""`--offline --from PATH`: recorded OpenF1 responses, one JSON file per endpoint.

The folder holds what the API answered, e.g. `laps.json` = GET /v1/laps?session_key=…, for one
or more sessions (`pit_stops.json` / `positions.json` are accepted for `pit` / `position`, the
names some recorders use). Every file is read and checked when the source opens, before the run
writes anything: a damaged one stops it with one line naming the file. A query is answered by
filtering the recorded rows on its parameters; an endpoint with no file answers no rows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ingestion.errors import SelectionError
from ingestion.openf1.rows import ENDPOINTS, REPLAY_FILES, OpenF1DataError, Row, check_rows
from ingestion.openf1.rows import to_table as check_table

SOURCE = "openf1:replay"


class ReplaySource:
    """Answers `fetch(endpoint, params)` from the recorded files of one folder."""

    source = SOURCE
    offline = True

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise SelectionError(f"--from {folder}: not a folder of recorded OpenF1 responses")
        self.rows: dict[str, list[Row]] = {}
        for endpoint in ENDPOINTS:
            found = [folder / n for n in REPLAY_FILES[endpoint] if (folder / n).is_file()]
            path = found[0] if found else None
            if path is not None:
                self.rows[endpoint] = _read(endpoint, path)
        if not self.rows:
            names = ", ".join(n for e in ENDPOINTS for n in REPLAY_FILES[e][:1])
            raise SelectionError(f"--from {folder}: no recorded OpenF1 response ({names})")

    def fetch(self, endpoint: str, params: dict[str, Any], *, listing: bool = False) -> list[Row]:
        return [
            row
            for row in self.rows.get(endpoint, [])
            if all(row.get(name) == value for name, value in params.items())
        ]

    @property
    def calls(self) -> int:
        return 0


def _read(endpoint: str, path: Path) -> list[Row]:
    try:
        payload = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise OpenF1DataError(f"OpenF1 replay file {path} is damaged: {exc}") from None
    rows = check_rows(payload, f"OpenF1 replay file {path}")
    check_table(endpoint, rows, f"OpenF1 replay file {path}")  # every value fits its column
    return rows
