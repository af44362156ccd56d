"""Chart specs come from the result's shape and only ever name the result's columns."""

from __future__ import annotations

from ai.charts import choose_chart
from ai.llm import ChartHint


def test_two_drivers_per_lap_is_a_coloured_line() -> None:
    rows = [[1, "VER", 90000], [1, "LEC", 90500], [2, "VER", 89000], [2, "LEC", 89900]]
    chart = choose_chart(
        ["lap_number", "driver_code", "lap_time_ms"], ["INTEGER", "VARCHAR", "BIGINT"], rows, "laps"
    )
    assert (chart.type, chart.x, chart.y, chart.color) == (
        "line",
        "lap_number",
        "lap_time_ms",
        "driver_code",
    )


def test_label_and_metric_is_a_bar_on_the_metric_not_the_position() -> None:
    chart = choose_chart(
        ["finish_position", "driver_code", "points"],
        ["INTEGER", "VARCHAR", "DOUBLE"],
        [[1, "VER", 25.0], [2, "NOR", 18.0]],
        "podium",
    )
    assert (chart.type, chart.x, chart.y) == ("bar", "driver_code", "points")


def test_single_rows_and_ids_only_are_tables() -> None:
    one = choose_chart(["driver_code", "points"], ["VARCHAR", "DOUBLE"], [["VER", 25.0]], "t")
    assert one.type == "table"
    seq = choose_chart(
        ["message_sequence", "category"], ["BIGINT", "VARCHAR"], [[1, "Flag"], [2, "Other"]], "rc"
    )
    assert seq.type == "table"


def test_two_numbers_make_a_scatter() -> None:
    chart = choose_chart(
        ["air_temp_c", "lap_time_ms"], ["DOUBLE", "BIGINT"], [[20.0, 90000], [25.0, 91000]], "heat"
    )
    assert chart.type == "scatter" and {chart.x, chart.y} == {"air_temp_c", "lap_time_ms"}


def test_model_hint_is_kept_only_when_its_columns_exist() -> None:
    columns, types = ["driver_code", "points"], ["VARCHAR", "DOUBLE"]
    rows = [["VER", 25.0], ["NOR", 18.0]]
    good = ChartHint(type="bar", x="driver_code", y="points", color="team", title="P")
    kept = choose_chart(columns, types, rows, "t", good)
    assert (kept.type, kept.x, kept.y, kept.color, kept.title) == (
        "bar",
        "driver_code",
        "points",
        None,
        "P",
    )
    bad = ChartHint(type="line", x="__import__('os')", y="points")
    fallback = choose_chart(columns, types, rows, "t", bad)
    assert fallback.x in columns and fallback.y in columns


def test_list_valued_columns_are_not_numbers() -> None:
    """INTEGER[] (a lap list) must not be taken as a measure; the chart falls back safely."""
    rows = [["VER", [1, 2], 3], ["LEC", [4], 5]]
    chart = choose_chart(
        ["driver_code", "laps", "wins"], ["VARCHAR", "INTEGER[]", "BIGINT"], rows, "t"
    )
    assert chart.type == "bar" and chart.y == "wins"
    only_lists = choose_chart(
        ["driver_code", "laps"], ["VARCHAR", "INTEGER[3]"], [["VER", [1]], ["LEC", [2]]], "t"
    )
    assert only_lists.type == "table"
    structs = choose_chart(
        ["a", "b"], ["STRUCT(x INTEGER)", "MAP(VARCHAR, INTEGER)"], [[{"x": 1}, {}]] * 2, "t"
    )
    assert structs.type == "table"
