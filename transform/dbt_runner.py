"""Run dbt in-process (dbtRunner) against a chosen DuckDB file.

dbt's own console output (a START and an OK/PASS line per node, ANSI colours) goes to its log
file under the data root (`logs/dbt/dbt.log`, no colours) instead; the console shows one progress
display counting the finished nodes (`DbtProgress`), and the caller prints one summary line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from transform.dbt_progress import DbtProgress
from transform.settings import TransformSettings

logger = logging.getLogger(__name__)
# nothing of dbt's on the console, everything (no colours) in its log file
QUIET_CONSOLE = ("--log-level", "none", "--log-level-file", "debug", "--no-use-colors")


@dataclass
class DbtOutcome:
    """What one dbt command did: success flag and the nodes that did not pass."""

    command: str
    success: bool
    failures: list[str] = field(default_factory=list)
    nodes_run: int = 0
    error: str | None = None


@contextmanager
def _dbt_environment(settings: TransformSettings, duckdb_path: Path) -> Iterator[None]:
    """Expose the data root and target file to dbt's env_var() for the duration of a run.

    dbt reads its configuration from the process environment; this is the one place the
    transform writes it, from the validated settings, and restores it afterwards.
    """
    values = {
        "EXTERNAL_DATA_ROOT": settings.layout.root.as_posix(),
        "F1_DBT_DUCKDB_PATH": duckdb_path.as_posix(),
        "F1_DBT_THREADS": str(settings.transform_threads),
        "F1_DBT_MEMORY_LIMIT": settings.transform_memory_limit,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "F1_REPO_ROOT": Path(__file__).resolve().parents[1].as_posix(),
    }
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def _close_adapter_connections() -> None:
    """dbt-duckdb may keep its DuckDB handle cached; release it so the file can be swapped."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager

        DuckDBConnectionManager.close_all_connections()
    except Exception:  # pragma: no cover - best effort across dbt-duckdb versions
        logger.debug("could not close dbt-duckdb connections", exc_info=True)


def run_dbt(
    settings: TransformSettings, duckdb_path: Path, args: list[str], *, quiet: bool = False
) -> DbtOutcome:
    """Invoke one dbt command (e.g. ["build"]) with this project's folders and target file;
    its chatter goes to the log file, the console shows a count of finished nodes (not `quiet`)."""
    from dbt.cli.main import dbtRunner

    work = settings.dbt_work_dir
    work.mkdir(parents=True, exist_ok=True)
    project = settings.dbt_project_dir
    command = [*args, "--project-dir", str(project), "--profiles-dir", str(project / "profiles")]
    if args[0] != "deps":  # deps takes no target path
        command += ["--target-path", str(work / "target")]
    command += ["--log-path", str(work), *QUIET_CONSOLE]
    logger.debug("dbt %s -> %s", " ".join(args), duckdb_path)
    progress = DbtProgress(f"dbt {args[0]}", shown=not quiet)
    with _dbt_environment(settings, duckdb_path), progress:
        try:
            result = dbtRunner(callbacks=[progress.on_event]).invoke(command)
        finally:
            _close_adapter_connections()
    outcome = DbtOutcome(command=" ".join(args), success=bool(result.success))
    if result.exception is not None:
        outcome.error = str(result.exception).strip().splitlines()[0]
    results = getattr(result.result, "results", None) or []
    outcome.nodes_run = len(results)
    for node_result in results:
        status = str(getattr(node_result, "status", "")).lower()
        if status in {"error", "fail", "runtime error"}:
            node = getattr(node_result, "node", None)
            name = getattr(node, "unique_id", "?")
            # the message's last line is the error itself (a Python model's follows a traceback)
            lines = str(getattr(node_result, "message", "") or "").strip().splitlines()
            detail = f" ({lines[-1].strip()})" if lines else ""
            outcome.failures.append(f"{name}: {status}{detail}")
    return outcome
