"""The model registry on the data root: models/<target>/<version>/ holds the fitted model
(model.joblib) and meta.json — features, training seasons, metrics, data fingerprint and library
versions. Versions sort by name (UTC time of training), the newest is the one `predict` uses.
`ml retrain` writes under models/candidates/<target>/<version>/ and moves a version into
models/<target>/ only when the promotion gate passes (ml/retrain.py)."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import joblib

from f1lake.atomic import atomic_file, fsync_path, write_bytes_atomic
from ml.errors import NoModelError

if TYPE_CHECKING:
    from ml.modeling import Fitted

LIBRARIES = ("scikit-learn", "pandas", "numpy", "duckdb", "joblib")


@dataclass(frozen=True)
class ModelMeta:
    target: str
    version: str
    features: list[str]
    training_seasons: list[int]
    data_fingerprint: str
    seed: int
    metrics: dict[str, Any]
    libraries: dict[str, str]
    kind: str = "model"  # the recipe (ml.modeling.KINDS); versions before it were all "model"


def save(root: Path, fitted: Fitted, meta_fields: dict[str, Any]) -> ModelMeta:
    """Write a new version atomically (temp folder renamed into place)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    meta = ModelMeta(
        version=stamp,
        features=list(fitted.features),
        libraries={name: version(name) for name in LIBRARIES},
        **meta_fields,
    )
    target_dir = root / meta.target
    target_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target_dir))
    with atomic_file(staging / "model.joblib") as handle:
        joblib.dump(fitted, handle)
    write_bytes_atomic(
        staging / "meta.json", json.dumps(asdict(meta), indent=2, sort_keys=True).encode()
    )
    staging.replace(target_dir / stamp)  # the version appears whole, or not at all
    fsync_path(target_dir)
    return meta


def newest_version(root: Path, target: str) -> str | None:
    """Name of the newest version of `target` (a directory listing, nothing is loaded)."""
    folder = root / target
    if not folder.is_dir():
        return None
    versions = [p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return max(versions, default=None)


def load(root: Path, target: str, version_name: str) -> tuple[Fitted, ModelMeta]:
    folder = root / target / version_name
    meta = ModelMeta(**json.loads((folder / "meta.json").read_text()))
    fitted: Fitted = joblib.load(folder / "model.joblib")
    return fitted, meta


def latest(root: Path, target: str) -> tuple[Fitted, ModelMeta]:
    newest = newest_version(root, target)
    if newest is None:
        raise NoModelError(root / target)
    return load(root, target, newest)


def clean_staging(root: Path) -> None:
    for stale in root.glob("*/.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def candidates(root: Path) -> Path:
    """Where `ml retrain` keeps versions that have not (yet) been promoted."""
    return root / "candidates"


def promote(root: Path, target: str, version_name: str) -> Path:
    """Move a candidate version into service (a rename: it becomes the newest version)."""
    served = root / target
    served.mkdir(parents=True, exist_ok=True)
    return (candidates(root) / target / version_name).replace(served / version_name)
