"""The Spider formula_1 evaluation items (evaluation/spider.py): expected answers computed from
the Ergast CSVs by Spider's own gold SQL, scored by the shared answer judge."""

from __future__ import annotations

import json

from evaluation.spider import answer_judge, duckdb_sql, load_items
from tests.conftest import require_ergast_dump


def test_items_come_from_the_gold_sql_on_the_ergast_csvs() -> None:
    require_ergast_dump()
    items = load_items()
    scorable = [i for i in items if i.judge_item]
    assert len(items) == 80 and len(scorable) >= 40
    assert all(i.skipped for i in items if not i.judge_item)
    german = next(i for i in scorable if "German" in i.gold_sql and "forename" in i.gold_sql)
    assert german.judge_item is not None and ["Michael"] in german.judge_item["all"]


def test_the_judge_wants_an_answer_not_a_dump() -> None:
    require_ergast_dump()
    judge = answer_judge()
    item = {"q": "most recent race", "all": [["Abu Dhabi Grand Prix"]]}
    answer = json.dumps({"rows": [["Abu Dhabi Grand Prix", "2025-12-07"]]})
    dump = json.dumps({"rows": [[f"race {i}"] for i in range(30)] + [["Abu Dhabi Grand Prix"]]})
    assert judge.right(item, 200, answer) and not judge.right(item, 200, dump)
    assert not judge.right(item, 503, answer)


def test_sqlite_gold_sql_is_made_duckdb() -> None:
    sql = duckdb_sql(
        "SELECT T1.driverid, T1.surname FROM drivers AS T1 JOIN results AS T2 "
        'ON T1.driverid = T2.driverid WHERE T1.nationality = "German" '
        "GROUP BY T1.driverid ORDER BY count(*) DESC LIMIT 1"
    )
    assert "ANY_VALUE(T1.surname)" in sql and "'German'" in sql
    assert "ANY_VALUE(T2" not in sql
