"""Evaluation sets of the copilot, shared by its tests and benchmarks (answers computed from
the sources, never from the warehouse)."""
