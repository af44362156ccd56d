"""The race predictions POST /predict serves: the ml registry's newest model of each target,
loaded once and kept until a newer version appears (`ml train` writes one per target), and the
race's feature rows read from the served warehouse with a short read-only connection. Those rows
are kept per warehouse build (file identity: inode, mtime, size), and so is each race's scored
result per model versions: a repeated race costs a stat() and the registry's directory listing,
a swapped-in warehouse is read and scored afresh, a newly trained or promoted version (a new
folder name) is loaded and scores afresh. Feature drift (ml.drift PSI of the latest season
against the models' training seasons) is computed when the models load, never per scrape."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
from threadpoolctl import ThreadpoolController

from ai.failures import WarehouseUnreadableError
from f1lake.warehouse import WarehouseMissingError, warehouse_identity
from ml import registry
from ml.drift import feature_psi
from ml.errors import NoSuchRaceError
from ml.features import FEATURES, TARGETS, load_features, load_race, load_races_ahead

if TYPE_CHECKING:
    from ml.modeling import Fitted

log = logging.getLogger(__name__)

RACES_KEPT = 64  # races whose feature rows (and scored results) stay in memory (~20 rows each)
AHEAD_RAN, AHEAD_TO_RUN = 3, 3  # races scored ahead: the latest run ones, the next ones to run


@dataclass(frozen=True)
class LoadedModels:
    """One version per target, and the drift of the features measured when they loaded."""

    models: dict[str, tuple[Fitted, registry.ModelMeta]]
    drift_season: int | None
    psi: dict[str, float]
    threads: ThreadpoolController
    # (warehouse identity, season, round) -> the race scored by these versions: immutable for
    # as long as both stay served, dropped with the LoadedModels when a newer version loads
    scored: dict[tuple[int, ...], pd.DataFrame] = field(default_factory=dict)

    @property
    def versions(self) -> dict[str, str]:
        return {name: meta.version for name, (_, meta) in self.models.items()}


class Predictor:
    def __init__(self, models_dir: Path, warehouse: Path) -> None:
        self.models_dir, self.warehouse = models_dir, warehouse
        self._loaded: LoadedModels | None = None
        self._lock = threading.Lock()
        self._races: dict[tuple[int, ...], pd.DataFrame] = {}
        self._races_lock = threading.Lock()
        self._ahead: tuple[object, ...] | None = None  # (warehouse identity, versions) warmed
        self._ahead_lock = threading.Lock()

    def newest_versions(self) -> dict[str, str]:
        """Newest version per target on disk; NoModelError when a target has none."""
        versions = {}
        for name in TARGETS:
            newest = registry.newest_version(self.models_dir, name)
            if newest is None:
                raise registry.NoModelError(self.models_dir / name)
            versions[name] = newest
        return versions

    def current(self) -> LoadedModels:
        """The loaded models, (re)loaded first when the registry holds newer versions."""
        wanted = self.newest_versions()
        loaded = self._loaded
        if loaded is not None and loaded.versions == wanted:
            return loaded
        with self._lock:  # one load at a time; the others wait and reuse it
            loaded = self._loaded
            if loaded is None or loaded.versions != wanted:
                loaded = self._load(wanted)
                self._loaded = loaded
        return loaded

    def loaded_or_none(self) -> LoadedModels | None:
        """For the metrics scrape: the current models, or None when there are none (yet)."""
        try:
            return self.current()
        except registry.NoModelError:
            return None
        except (WarehouseMissingError, WarehouseUnreadableError) as exc:
            log.debug("the drift metrics keep the last measure: %s", exc)
        except Exception:  # a scrape never fails: e.g. a model file that does not unpickle
            log.exception("loading the models for the drift metrics failed")
        return self._loaded

    def predict(self, season: int, round_number: int) -> tuple[pd.DataFrame, LoadedModels]:
        """The race scored by every target's model, ordered by p_win (shared: do not modify)."""
        loaded = self.current()
        identity = warehouse_identity(self.warehouse)
        key = (*identity, season, round_number)
        scored = loaded.scored.get(key)
        if scored is None:
            race = self._race(key)
            if race.empty:
                raise NoSuchRaceError(season, round_number)
            scored = self._score(loaded, key, race)
        if self._ahead != (identity, loaded.versions):  # a new build or new versions
            self.score_ahead_in_background()
        return scored, loaded

    def _score(
        self, loaded: LoadedModels, key: tuple[int, ...], race: pd.DataFrame
    ) -> pd.DataFrame:
        # One OpenMP thread: for ~20 rows the boosted trees' thread pool costs more than it
        # saves, and on a busy host its spin-waiting dominates the latency (p95 x50 measured).
        from ml.predict import score_race  # scikit-learn loads with the first prediction

        with loaded.threads.limit(limits=1, user_api="openmp"):
            scored = score_race(race, loaded.models)
        with self._races_lock:
            _keep(loaded.scored, key, scored)
        return scored

    def score_ahead(self) -> list[tuple[int, int]]:
        """Score the races a user is likely to ask for (the latest AHEAD_RAN run, the next
        AHEAD_TO_RUN to run) with the current models and warehouse build, keeping their rows
        and scored results as a request would; returns them as (season, round)."""
        loaded = self.current()
        identity = warehouse_identity(self.warehouse)
        self._ahead = (identity, loaded.versions)  # tried once per build and versions
        rows = self._read(lambda: load_races_ahead(self.warehouse, AHEAD_RAN, AHEAD_TO_RUN))
        races = []
        for (season, round_number), race in rows.groupby(["season", "round"], sort=False):
            key = (*identity, int(str(season)), int(str(round_number)))
            race = race.reset_index(drop=True)
            with self._races_lock:
                _keep(self._races, key, race)
            if key not in loaded.scored:
                self._score(loaded, key, race)
            races.append(key[-2:])
        return races

    def score_ahead_in_background(self) -> None:
        """score_ahead in a daemon thread (one at a time; a failure is logged, never raised:
        requests score what they need themselves)."""
        if not self._ahead_lock.acquire(blocking=False):
            return

        def run() -> None:
            try:
                self.score_ahead()
            except (registry.NoModelError, WarehouseMissingError, WarehouseUnreadableError) as exc:
                log.info("nothing scored ahead: %s", exc)
            except Exception:
                log.exception("scoring ahead failed")
            finally:
                self._ahead_lock.release()

        threading.Thread(target=run, name="predict-ahead", daemon=True).start()

    def _race(self, key: tuple[int, ...]) -> pd.DataFrame:
        """The race's feature rows in the served warehouse build (read once per build)."""
        race = self._races.get(key)
        if race is None:
            season, round_number = key[-2:]
            race = self._read(lambda: load_race(self.warehouse, season, round_number))
            with self._races_lock:
                _keep(self._races, key, race)
        return race

    def _load(self, versions: dict[str, str]) -> LoadedModels:
        from ml.predict import share_stage1  # scikit-learn loads with the models

        models = share_stage1(
            {name: registry.load(self.models_dir, name, v) for name, v in versions.items()}
        )
        seasons = sorted({s for _, meta in models.values() for s in meta.training_seasons})
        frame = self._read(lambda: load_features(self.warehouse))
        season, psi = feature_psi(frame, FEATURES, seasons)
        log.info("loaded models %s; feature drift of %s computed", versions, season)
        # Inspected after the models loaded, so it sees the OpenMP runtime scikit-learn brings.
        return LoadedModels(models, season, psi, ThreadpoolController())

    def _read(self, read: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        try:
            return read()
        except duckdb.Error as exc:
            raise WarehouseUnreadableError(self.warehouse, str(exc)) from exc


def _keep(
    kept: dict[tuple[int, ...], pd.DataFrame], key: tuple[int, ...], rows: pd.DataFrame
) -> None:
    """`rows` kept under `key`, the oldest dropped beyond RACES_KEPT (the caller holds the lock)."""
    while len(kept) >= RACES_KEPT:
        kept.pop(next(iter(kept)))
    kept[key] = rows
