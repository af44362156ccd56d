"""Silver and gold: the dbt-duckdb project in this folder plus the blue/green build around it.

`python -m transform build` builds the warehouse into a fresh DuckDB file, runs every dbt test,
checkpoints it, publishes silver and gold as Parquet under `<root>/lake/<version>/`
(transform.publish) and atomically swaps both in (`<root>/warehouse/f1.duckdb`, then
`<root>/lake/current`); `verify` also reports row counts and fails on empty served tables
(see `scripts/check_gold.sh`).
"""
