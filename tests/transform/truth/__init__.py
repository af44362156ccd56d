"""The truth suite of issue 21: every conformed gold mart against the Ergast CSVs
(../shared/data/ergast/tracinginsights-racedata, read via tests/history/conftest.csv_connection)
and a fresh Fast-F1 load of the real `full/` cache, exhaustively. Expected values are computed
inside the checks from those two sources, never from our models.

One module per mart family: test_results, test_qualifying, test_pit_stops, test_standings,
test_careers (rules in career_sql.py), test_dimensions, test_integrity (0 split team/season
pairs, 0 NULL driver_ref). Each check is a plain `check_<name>(warehouse[, load]) -> Report`
(support.Report: "N of M agree", the differences grouped by a NAMED explanation the check proved
on the data, and the unexplained ones, which must be 0); the pytest tests are thin wrappers on
the `history_warehouse` and `fastf1_full` fixtures. To run the checks on any warehouse:
    python -m tests.transform.truth.run /tmp/devroot/warehouse/f1.duckdb [check-name-part ...]
"""
