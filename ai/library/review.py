"""Model and parser disagreeing on a question both answered: one JSON line for review, in
<data root>/logs/copilot/disagreements.jsonl (beside the audit log).

They agree when the parser's first row, compared on the columns both results have, equals the
model's first row; without a shared column, when both first rows hold the parser's key values
(driver codes, team names, numbers) — otherwise it is logged."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def norm(value: Any) -> Any:
    """A comparable, hashable form of any value a sandbox row holds (lists, structs and maps
    become their JSON text)."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def agree(
    model_cols: list[str],
    model_rows: list[list[Any]],
    lib_cols: list[str],
    lib_rows: list[list[Any]],
) -> bool:
    if not lib_rows or not model_rows:
        return not lib_rows and not model_rows
    shared = [c for c in lib_cols if c in model_cols]
    first_lib = dict(zip(lib_cols, lib_rows[0], strict=False))
    first_model = dict(zip(model_cols, model_rows[0], strict=False))
    if shared:
        return all(norm(first_lib[c]) == norm(first_model[c]) for c in shared)
    keys = {norm(v) for v in lib_rows[0] if isinstance(v, str | int) and not isinstance(v, bool)}
    return bool(keys & {norm(v) for v in model_rows[0]})


def record_disagreement(path: Path, **entry: Any) -> None:
    line = json.dumps(
        {"at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"), **entry},
        default=str,
        ensure_ascii=False,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    except OSError as error:
        log.warning("review log %s not writable: %s", path, error)
