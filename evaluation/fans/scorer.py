"""Score a copilot answer against an item with the shared judge (`answer_judge.py`).

The judge is the one held-out sets are scored with: only the returned rows count, a number only
in a short answer (<= 10 rows), a one-answer item must hit in the first row (or in an answer of
<= 3 rows), a list must hit every group in its first max(10, 2 x groups) rows. On top of it:
a "row" item with facts (who + how many) must also name the answer where a one-answer item
would, and a "refuse" item is right only when no rows come back (an HTTP 4xx or an empty answer).
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from evaluation.fans.items import Item
from evaluation.fans.sources import REPO_ROOT

DEFAULT_JUDGE = REPO_ROOT.parent / "shared" / "tools" / "answer_judge.py"
_judge: ModuleType | None = None


@dataclass(frozen=True)
class Verdict:
    right: bool
    reason: str


def judge_path() -> Path:
    return Path(os.environ.get("ANSWER_JUDGE", str(DEFAULT_JUDGE)))


def judge() -> ModuleType:
    """The shared answer judge, loaded once from $ANSWER_JUDGE or ../shared/tools."""
    global _judge
    if _judge is None:
        path = judge_path()
        spec = importlib.util.spec_from_file_location("answer_judge", path)
        if spec is None or spec.loader is None or not path.is_file():
            raise FileNotFoundError(f"answer judge missing: {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _judge = module
    return _judge


def as_lists(rows: list[Any], columns: list[str] | None = None) -> list[Any]:
    """Rows as lists of cells (a dict row in the order of `columns`, else its own)."""
    out: list[Any] = []
    for row in rows:
        if isinstance(row, dict):
            keys = [c for c in (columns or []) if c in row] or list(row)
            out.append([row[k] for k in keys])
        else:
            out.append(row)
    return out


def _why_wrong(item: Item, rows: list[Any]) -> str:
    mod = judge()
    total = len(rows)
    groups = item.expected.get("all") or [item.expected.get("any", [])]
    missing = [g for g in groups if not any(mod.hit(t, rows, total) for t in g)]
    if missing:
        numeric = all(mod.NUM.match(t.lower()) for t in missing[0])
        if numeric and total > 10:
            return f"a number needs a short answer: {total} rows > 10 (expected {missing[0][0]})"
        return f"expected {missing[0][0]!r} not in the {total} rows; first row {rows[0]!r}"
    return (
        f"expected {groups[0][0]!r} is in the answer but not where it counts: "
        f"{total} rows, first row {rows[0]!r}"
    )


def score(
    item: Item, rows: list[Any], columns: list[str] | None = None, status: int = 200
) -> Verdict:
    """Right or wrong, with the reason, for the rows (and HTTP status) the copilot returned."""
    rows = as_lists(rows or [], columns)
    if item.shape == "refuse":
        if status != 200:
            if 400 <= status < 500:
                return Verdict(True, f"refused (HTTP {status})")
            return Verdict(False, f"HTTP {status} is no refusal")
        if rows:
            return Verdict(False, f"answered with {len(rows)} rows; first {rows[0]!r}")
        return Verdict(True, "no rows")
    if status != 200:
        return Verdict(False, f"HTTP {status}")
    if not rows:
        return Verdict(False, "no rows")
    mod = judge()
    text = json.dumps({"rows": rows}, default=str)
    ok = mod.right(item.judge_item(), 200, text)
    if ok and "key" in item.expected:
        ok = mod.right({"q": item.question, "any": item.expected["key"]}, 200, text)
        if not ok:
            return Verdict(
                False,
                f"{item.expected['key'][0]!r} not in the first row: {rows[0]!r} ({len(rows)} rows)",
            )
    if ok:
        return Verdict(True, "right")
    return Verdict(False, _why_wrong(item, rows))
