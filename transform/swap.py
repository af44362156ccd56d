"""Blue/green warehouse builds.

DuckDB allows one writer XOR many readers, so the transform never writes the served file:
1. build into a fresh file `<root>/warehouse/f1.next.duckdb` (an incremental build starts from
   a copy of the served file, so only new bronze partitions are processed);
2. run every dbt model and test against it (full builds also audit every bronze file; an
   incremental build skips the unit tests when the dbt code is the served build's: code_state,
   and then tests only the seasons the new bronze can change: input_state.build_scope_season);
3. CHECKPOINT it (no WAL left beside it) and check every served schema is there;
4. export silver and gold as Parquet into a new `lake/<version>/` folder (`transform.publish`);
5. `os.replace` it over `f1.duckdb` — an atomic rename on POSIX — and right after it switch
   `lake/current` (so `silver/` and `gold/` on the data root) to the new version, one rename too.
Readers holding the old file keep reading the old inode; new connections see the new one.
A failure before step 5 leaves the served file and the published lake unchanged.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from f1lake.warehouse import SERVED_LAYERS
from transform import code_state, input_state, publish
from transform.dbt_runner import DbtOutcome, run_dbt
from transform.freshness import reingested_sessions
from transform.settings import TransformSettings

logger = logging.getLogger(__name__)


class BuildError(RuntimeError):
    """The new warehouse could not be built or did not pass its checks; nothing was swapped."""


@dataclass
class BuildResult:
    served_path: Path
    incremental: bool
    dbt: DbtOutcome
    lake_version: Path | None = None
    publish_seconds: float = 0.0


def staging_path(settings: TransformSettings) -> Path:
    return settings.layout.warehouse_dir / "f1.next.duckdb"


def _remove_duckdb_file(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


@contextmanager
def build_lock(settings: TransformSettings) -> Iterator[None]:
    """One build per data root at a time (a second concurrent build fails fast)."""
    lock_path = settings.layout.warehouse_dir / ".build.lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildError(f"another build is running on {settings.layout.root}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def checkpoint_and_check(path: Path) -> None:
    """Flush the WAL into the file and make sure the served schemas exist."""
    con = duckdb.connect(str(path))
    try:
        con.execute("CHECKPOINT")
        present = {
            row[0]
            for row in con.execute("select schema_name from information_schema.schemata").fetchall()
        }
    finally:
        con.close()
    missing = [layer for layer in SERVED_LAYERS if layer not in present]
    if missing:
        raise BuildError(f"built warehouse lacks schema(s) {', '.join(missing)}")
    if path.with_name(path.name + ".wal").exists():
        raise BuildError(f"{path.name} still has a WAL after CHECKPOINT")


def build_warehouse(settings: TransformSettings, *, full_refresh: bool = False) -> BuildResult:
    """Build, test, checkpoint and atomically swap in a new warehouse."""
    layout = settings.layout
    try:  # a foreign silver/ or gold/ folder is refused first: nothing of the user's is touched
        publish.check_layer_links(layout.root)
    except publish.PublishError as exc:
        raise BuildError(f"cannot publish to {layout.root}: {exc}") from exc
    if not layout.bronze.is_dir() or not any(layout.bronze.rglob("*.parquet")):
        raise BuildError(
            f"nothing ingested in {layout.bronze}: run `make ingest` (or `make demo`) first"
        )
    layout.warehouse_dir.mkdir(parents=True, exist_ok=True)
    served = layout.warehouse
    staging = staging_path(settings)
    with build_lock(settings):
        _remove_duckdb_file(staging)
        try:
            publish.check_layer_links(layout.root)
            publish.recover(layout.root, served)
        except (publish.PublishError, OSError, duckdb.Error) as exc:
            raise BuildError(f"cannot publish to {layout.root}: {exc}") from exc
        incremental = served.is_file() and not full_refresh
        if incremental:
            stale = reingested_sessions(served, layout.manifest)
            if stale:
                logger.info("re-ingested since last build: %s; full build", ", ".join(stale[:5]))
                incremental = False
        if incremental:
            shutil.copyfile(served, staging)
            logger.debug("incremental build from a copy of %s", served)
        # Full builds also audit every bronze file (tag bronze_audit); incremental builds check
        # only what they load (silver tests), so adding a round does not rescan all of bronze.
        args = ["build", "--full-refresh"]
        digest = code_state.code_digest(settings.dbt_project_dir)
        target = settings.dbt_work_dir / "target"
        manifest = input_state.load_manifest(target, settings.dbt_project_dir, settings.layout.root)
        inputs = input_state.fingerprints(manifest) if manifest else None
        started_ns = time.time_ns()
        if incremental:
            args = ["build", "--exclude", "tag:bronze_audit"]
        if incremental and code_state.recorded_digest(served) == digest:
            logger.debug("dbt project unchanged since the served build: unit tests not repeated")
            if manifest is not None and inputs is not None:
                changed = input_state.changed_sources(served, inputs, manifest)
                skipped = input_state.unchanged_nodes(manifest, changed)
                args += skipped  # excluded too: their tables in the copy are what they'd build
                logger.debug("inputs unchanged since the served build: %d nodes", len(skipped))
                scope = input_state.build_scope_season(served, layout.root, changed)
                input_state.write_build_scope(staging, scope)  # tests and marts: seasons >= it
                logger.debug("seasons the new bronze can change: from %s on", scope or "the first")
            args += ["--exclude-resource-type", "unit_test"]  # same code: same outcome
        outcome = run_dbt(settings, staging, args)
        if not outcome.success:
            _remove_duckdb_file(staging)
            detail = "; ".join(outcome.failures[:5]) or outcome.error or "see dbt log"
            log = settings.dbt_work_dir / "dbt.log"
            raise BuildError(
                f"dbt build failed, served warehouse left unchanged: {detail} (dbt's log: {log})"
            )
        code_state.record_digest(staging, digest)
        input_state.write_build_scope(staging, None)  # served warehouses hold no scope
        if inputs is None:  # no manifest before the build: what it read, as far as known
            fresh = input_state.load_manifest(
                target, settings.dbt_project_dir, settings.layout.root
            )
            inputs = input_state.fingerprints(fresh, started_ns) if fresh else {}
        input_state.record_fingerprints(staging, inputs)
        checkpoint_and_check(staging)
        started = time.perf_counter()
        try:
            version = publish.write_version(staging, layout.root)
        except (OSError, duckdb.Error) as exc:
            _remove_duckdb_file(staging)
            raise BuildError(f"publishing Parquet failed, nothing swapped: {exc}") from exc
        seconds = time.perf_counter() - started
        staging.replace(served)  # atomic rename (os.replace)
        publish.switch(layout.root, version)  # atomic rename of lake/current
        logger.debug("swapped new warehouse into %s, lake version %s", served, version.name)
    return BuildResult(served, incremental, outcome, version, round(seconds, 3))
