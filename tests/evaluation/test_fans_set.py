"""The independent fan-question set (evaluation/fans): every expected answer computes from the
Ergast CSVs, is non-empty (refusals excepted), ids are unique, and the scorer judges the
computed answer itself right and obvious non-answers wrong."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import duckdb
import pytest

from evaluation.fans import load_items, score, sources
from evaluation.fans.items import SHAPES, SPECS, Item
from evaluation.fans.scorer import judge_path
from tests.conftest import IN_CI

pytestmark = pytest.mark.realdata


def _require(path_ok: bool, message: str) -> None:
    if not path_ok:
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    folder = sources.dump_dir()
    _require((folder / "results.csv").is_file(), f"Ergast CSV dump missing: {folder}")
    connection = sources.connect(folder)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def items(con: duckdb.DuckDBPyConnection) -> list[Item]:
    return load_items(con)


@pytest.fixture(scope="module")
def judged() -> None:
    _require(judge_path().is_file(), f"answer judge missing: {judge_path()}")


def test_ids_unique_and_labels_valid() -> None:
    ids = Counter(spec.id for spec in SPECS)
    assert [i for i, n in ids.items() if n > 1] == []
    questions = Counter(spec.question.lower() for spec in SPECS)
    assert [q for q, n in questions.items() if n > 1] == []
    for spec in SPECS:
        assert spec.shape in SHAPES, spec.id
        assert (spec.shape == "refuse") == (spec.kind == "refuse") == (not spec.sql), spec.id
    kinds = Counter(spec.kind for spec in SPECS)
    assert sum(n for k, n in kinds.items() if k != "refuse") >= 120
    assert kinds["refuse"] >= 15


def test_every_expected_answer_computes(items: list[Item]) -> None:
    assert len(items) == len(SPECS)
    for item in items:
        if item.shape == "refuse":
            assert item.expected == {}
            continue
        groups = item.expected.get("all") or [item.expected.get("any")]
        assert groups and all(groups), item.id
        assert all(isinstance(t, str) and t for g in groups for t in g), item.id


def test_computed_rows_score_right(
    items: list[Item], con: duckdb.DuckDBPyConnection, judged: None
) -> None:
    for item in items:
        if item.shape == "refuse":
            continue
        rows = [list(r) for r in con.execute(item.sql).fetchall()]
        rows = json.loads(json.dumps(rows, default=str))  # as the API would send them
        verdict = score(item, rows)
        assert verdict.right, (item.id, verdict.reason, rows[:3])
        assert not score(item, []).right
        assert not score(item, rows, status=409).right


def test_non_answers_score_wrong(items: list[Item], judged: None) -> None:
    by_id = {item.id: item for item in items}
    # a "who" answered by a dump of the table: the name deep down does not count
    dump = [[f"Driver {n}", n] for n in range(40)] + [[by_id["win01"].expected["any"][0], 1]]
    assert not score(by_id["win01"], dump).right
    # a count answered by a long list
    assert not score(by_id["dist01"], [[n] for n in range(30)]).right
    # a "who + how many" with the wrong person first
    assert not score(
        by_id["pol04"], [["Senna", 65], ["Hamilton", 104], ["Schumacher", 68], ["Vettel", 57]]
    ).right
    refuse = by_id["ref01"]
    assert score(refuse, [], status=200).right
    assert score(refuse, [], status=422).right
    assert not score(refuse, [["Verstappen", 437]]).right
    assert not score(refuse, [], status=500).right
    # dict rows are read in column order
    assert score(by_id["win01"], [{"driver": "Max Verstappen"}], ["driver"]).right
