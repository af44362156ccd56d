"""Walk-forward backtest of the race-prediction models against the grid-only baseline.

    EXTERNAL_DATA_ROOT=/path/to/root .venv/bin/python benchmarks/ml_backtest.py \
        [--seasons 2015-2025]

For each season S: train on every season before S (from ML_MIN_TRAIN_SEASON), evaluate on S.
Prints log loss per target and season for the model and the baseline, in how many seasons the
model wins, and the mean improvement in %; saves the report (JSON, Markdown and a reliability
diagram as HTML) under <root>/reports/ml/. One run, no timings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import numpy as np
import plotly.graph_objects as go
import typer
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ml.backtest import backtest
from ml.features import TARGETS, load_features
from ml.modeling import fit
from ml.settings import MlSettings

out = Console(width=140)


def summary(report: dict, target: str) -> tuple[int, int, float]:
    rows = report[target].values()
    wins = sum(r["model"]["log_loss"] < r["baseline"]["log_loss"] for r in rows)
    gains = [1 - r["model"]["log_loss"] / r["baseline"]["log_loss"] for r in rows]
    return wins, len(gains), 100 * float(np.mean(gains))


def reliability(frame, season: int, seed: int, min_season: int) -> go.Figure:
    """Predicted vs observed frequency (10 bins) of every target on one held-out season."""
    rows = frame[frame["has_result"] & (frame["season"] >= min_season)]
    train, test = rows[rows["season"] < season], rows[rows["season"] == season]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="perfect", line={"dash": "dot"})
    )
    for name, column in TARGETS.items():
        p = fit("model", train, column, seed).predict(test)
        bins = np.minimum((p * 10).astype(int), 9)
        xs, ys = [], []
        for b in range(10):
            mask = bins == b
            if mask.sum() >= 5:
                xs.append(float(p[mask].mean()))
                ys.append(float(test[column].astype(int).to_numpy()[mask].mean()))
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=name))
    figure.update_layout(
        title=f"Reliability on {season}", xaxis_title="predicted", yaxis_title="observed"
    )
    return figure


def main(seasons: Annotated[str, typer.Option(help="First-last season")] = "2015-2025") -> None:
    settings = MlSettings()
    first, _, last = seasons.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    frame = load_features(settings.layout.warehouse)
    report = backtest(frame, years, settings.ml_seed, settings.ml_min_train_season)
    lines = [
        "| target | season | model log loss | baseline log loss | model AUC | baseline AUC "
        "| top-pick hit (model / baseline) |",
        "|---|---|---|---|---|---|---|",
    ]
    for target in TARGETS:
        table = Table(title=f"{target}")
        for column in ("season", "model", "baseline", "model AUC", "baseline AUC", "top pick"):
            table.add_column(column, justify="right")
        for season, entry in sorted(report[target].items()):
            m, b = entry["model"], entry["baseline"]
            hit = (
                f"{m['top_pick_hit_rate']:.2f} / {b['top_pick_hit_rate']:.2f}"
                if "top_pick_hit_rate" in m
                else "-"
            )
            table.add_row(
                str(season),
                f"{m['log_loss']:.4f}",
                f"{b['log_loss']:.4f}",
                f"{m['roc_auc']:.3f}",
                f"{b['roc_auc']:.3f}",
                hit,
            )
            lines.append(
                f"| {target} | {season} | {m['log_loss']:.4f} | {b['log_loss']:.4f} "
                f"| {m['roc_auc']:.3f} | {b['roc_auc']:.3f} | {hit} |"
            )
        out.print(table)
        wins, total, gain = summary(report, target)
        out.print(
            f"{target}: model beats the grid baseline on log loss in {wins} of {total} "
            f"seasons; mean improvement {gain:.1f} %"
        )
        lines.append(f"| {target} | wins {wins}/{total} | mean improvement {gain:.1f} % | | | | |")
    folder = settings.layout.root / "reports" / "ml"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "backtest.json").write_text(json.dumps(report, indent=1, sort_keys=True))
    (folder / "backtest.md").write_text("\n".join(lines) + "\n")
    reliability(frame, years[-1], settings.ml_seed, settings.ml_min_train_season).write_html(
        folder / "reliability.html"
    )
    out.print(f"report: {folder}")


if __name__ == "__main__":
    typer.run(main)
