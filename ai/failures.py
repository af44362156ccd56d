"""The copilot's domain errors, free of HTTP frameworks and of `ml`: a warehouse DuckDB cannot
read, and the (status, code) each warehouse failure answers with. ai.errors turns these, and the
pipeline's AskFailedError, into JSON responses."""

from __future__ import annotations

from pathlib import Path

from ai.models import ErrorCode
from f1lake.warehouse import WarehouseMissingError

REBUILD_COMMAND = "make gold"


class WarehouseUnreadableError(RuntimeError):
    """The warehouse file exists but DuckDB cannot open or read it (corrupt, truncated, not a
    DuckDB file, unreadable)."""

    def __init__(self, path: Path, detail: str) -> None:
        detail = " ".join(detail.split())[:200]
        super().__init__(
            f"The warehouse at {path} cannot be read ({detail}): rebuild it with "
            f"`{REBUILD_COMMAND}` (after `make ingest`)."
        )
        self.path = path


WAREHOUSE_ERRORS: dict[type[Exception], tuple[int, ErrorCode]] = {
    WarehouseMissingError: (503, "warehouse_missing"),
    WarehouseUnreadableError: (503, "warehouse_unreadable"),
}


def typed_error(
    error: Exception, table: dict[type[Exception], tuple[int, ErrorCode]] = WAREHOUSE_ERRORS
) -> tuple[int, ErrorCode]:
    """(status, code) of a typed error (the first entry of `table` it is an instance of)."""
    return next(v for kind, v in table.items() if isinstance(error, kind))
