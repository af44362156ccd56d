"""Evaluation items: each question's expected answer computed from the Ergast CSVs.

`load_items()` runs every item's SQL (`questions.SPECS`, `questions_own.OWN_SPECS`, then
`questions_own2.OWN2_SPECS`, then `questions_own3.OWN3_SPECS`) over
`sources.connect()` and turns the rows into the judge's form
(`/work/shared/tools/answer_judge.py`: {"any": [tokens]} for one answer,
{"all": [[tokens], ...]} for a list), by the item's shape:
- value: {"any": the values of the first column} (several rows = tied alternatives);
- row:   {"any": first column} when it is all, else {"all": [first column, each further column]}
         plus `key` = the first column, which must be hit where a one-answer item is (first row);
- list:  {"all": [[row's first column] for each row]};
- refuse: no rows expected.
A lap time 'm:ss.fff' also matches as seconds or milliseconds, a pit stop's seconds as
milliseconds; whole floats are written as integers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import duckdb

from evaluation.fans import sources
from evaluation.fans.questions import SPECS as FIRST_SPECS
from evaluation.fans.questions import Spec
from evaluation.fans.questions_own import OWN_SPECS
from evaluation.fans.questions_own2 import OWN2_SPECS
from evaluation.fans.questions_own3 import OWN3_SPECS

# The first set, then thirty more written later in other phrasings (ids own01..own30), then one
# group per capability added later (own31..own56), then thirty written before the parser was
# read (own57..own86).
SPECS: list[Spec] = FIRST_SPECS + OWN_SPECS + OWN2_SPECS + OWN3_SPECS

LAP_TIME = re.compile(r"^([0-9]+):([0-9]{2}\.[0-9]{3})$")
SHAPES = ("value", "row", "list", "refuse")


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    kind: str
    shape: str
    sql: str
    expected: dict[str, Any] = field(default_factory=dict)

    def judge_item(self) -> dict[str, Any]:
        """The item as answer_judge.right() reads it."""
        return {"q": self.question, **{k: v for k, v in self.expected.items() if k != "key"}}


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def tokens(value: Any) -> list[str]:
    """The strings that count as this value in an answer (the judge compares them)."""
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, float):
        out = [_number(value)]
        if not value.is_integer() and 0 < value < 100:  # seconds: also as milliseconds
            out.append(str(round(value * 1000)))
        return out
    if isinstance(value, dt.datetime):
        return [value.date().isoformat()]
    if isinstance(value, dt.date):
        return [value.isoformat()]
    text = str(value)
    lap = LAP_TIME.match(text)
    if lap:
        seconds = int(lap.group(1)) * 60 + float(lap.group(2))
        return [text, _number(round(seconds, 3)), str(round(seconds * 1000))]
    return [text]


def _alternatives(values: list[Any]) -> list[str]:
    out: list[str] = []
    for value in values:
        for token in tokens(value):
            if token not in out:
                out.append(token)
    return out


def expected_from_rows(shape: str, rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The judge's form of an expected answer, from the rows its SQL returned."""
    if shape == "refuse":
        return {}
    rows = [row for row in rows if row and row[0] is not None]
    if not rows:
        raise ValueError("expected answer is empty")
    if shape == "value":
        return {"any": _alternatives([row[0] for row in rows])}
    if shape == "row":
        key = _alternatives([row[0] for row in rows])
        if len(rows[0]) == 1:
            return {"any": key}
        groups = [key] + [_alternatives([row[i] for row in rows]) for i in range(1, len(rows[0]))]
        return {"all": groups, "key": key}
    if shape == "list":
        return {"all": [tokens(row[0]) for row in rows]}
    raise ValueError(f"unknown shape {shape!r}")


def build(spec: Spec, con: duckdb.DuckDBPyConnection) -> Item:
    if spec.shape not in SHAPES:
        raise ValueError(f"{spec.id}: unknown shape {spec.shape!r}")
    rows = con.execute(spec.sql).fetchall() if spec.sql else []
    try:
        expected = expected_from_rows(spec.shape, rows)
    except ValueError as exc:
        raise ValueError(f"{spec.id}: {exc}") from exc
    return Item(spec.id, spec.question, spec.kind, spec.shape, spec.sql, expected)


def load_items(con: duckdb.DuckDBPyConnection | None = None) -> list[Item]:
    """Every item with its expected answer, computed now from the Ergast CSVs."""
    own = con is None
    con = con or sources.connect()
    try:
        return [build(spec, con) for spec in SPECS]
    finally:
        if own:
            con.close()
