"""Shared core of the F1 lakehouse: settings, data-root layout and warehouse access.

Every service (ingestion, transform, ai, dashboard) imports its configuration and its
DuckDB connections from here, so there is one definition of where data lives and how
the warehouse is opened.
"""
