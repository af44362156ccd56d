"""The ml tests read the warehouse the history tests build once per session (real Fast-F1 bronze
plus the real Ergast dump)."""

from tests.history.conftest import history_root, history_warehouse  # noqa: F401
