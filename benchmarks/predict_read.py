"""Why a /predict that reads the race afresh was slow: the warehouse read, interleaved A/B under
the same host load. A: a fresh read-only DuckDB connection per read (what ml.features.load_race
did: creating a database costs ~14 ms of CPU before any query). B: one in-memory DuckDB kept by
the process, attaching the warehouse file read-only per read (ml.features.RaceReader, today's).

    EXTERNAL_DATA_ROOT=/path/to/root .venv/bin/python benchmarks/predict_read.py \
        [--season 2025 --round 22 --repeat 100]

Prints p50/p95 of wall and CPU time of each. One run, no assertion.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from f1lake.warehouse import read_connection
from ml.features import FEATURES, load_race
from ml.settings import MlSettings


def fresh_connection(warehouse: Path, season: int, round_number: int) -> pd.DataFrame:
    with read_connection(warehouse, 1) as con:
        frame = con.execute(
            "select * from gold.ml_driver_race_features where season = ? and round = ? "
            "order by driver_ref",
            [season, round_number],
        ).df()
    frame[list(FEATURES)] = frame[list(FEATURES)].astype("float64")
    return frame


def main(
    season: Annotated[int, typer.Option(help="Season of the race.")] = 2025,
    round_number: Annotated[int, typer.Option("--round", help="Round of the race.")] = 22,
    repeat: Annotated[int, typer.Option(min=2, help="Reads of each kind.")] = 100,
) -> None:
    warehouse = MlSettings().layout.warehouse
    readers: dict[str, Callable[[Path, int, int], pd.DataFrame]] = {
        "A fresh connection per read": fresh_connection,
        "B kept in-memory DuckDB, file attached per read": load_race,
    }
    timings: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in readers}
    for _ in range(repeat):
        for name, read in readers.items():
            t0, c0 = time.perf_counter(), time.process_time()
            read(warehouse, season, round_number)
            timings[name][0].append((time.perf_counter() - t0) * 1000)
            timings[name][1].append((time.process_time() - c0) * 1000)
    console = Console()
    for name, (wall, cpu) in timings.items():
        wall.sort()
        cpu.sort()
        p50, p95 = len(wall) // 2, min(len(wall) - 1, round(0.95 * (len(wall) - 1)))
        console.print(
            f"{name}: wall p50 {wall[p50]:.1f} ms, p95 {wall[p95]:.1f} ms; "
            f"CPU p50 {cpu[p50]:.1f} ms, p95 {cpu[p95]:.1f} ms"
        )


if __name__ == "__main__":
    typer.run(main)
