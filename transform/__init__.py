"""Silver and gold: the dbt-duckdb project in this folder plus the blue/green build around it.

`python -m transform build` builds the warehouse into a fresh DuckDB file, runs every dbt test,
checkpoints it and atomically swaps it over `<root>/warehouse/f1.duckdb`; `verify` also reports
row counts and fails on empty served tables (see `scripts/check_gold.sh`).
"""
