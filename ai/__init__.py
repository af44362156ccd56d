"""The F1 SQL copilot: questions in, validated read-only SQL, rows and a chart spec out.

Nothing the language model writes is trusted: its SQL is parsed and checked by
`ai.validation`, then run by `ai.sandbox` on an in-memory DuckDB with the warehouse attached
read-only. Questions the query library (`ai.library`) understands are answered without a model.
"""
