"""Walk-forward backtest of the race-prediction model against every baseline.

    EXTERNAL_DATA_ROOT=/path/to/root .venv/bin/python benchmarks/ml_backtest.py \
        [--seasons 2015-2025]

For each season S: fit on the ML_TRAIN_WINDOW seasons before S, evaluate on S. Prints, for every
target, each model's mean log loss over all the seasons with its race-bootstrap 95 % interval,
ECE and top-pick hits, the difference model - strongest baseline (negative = the model is
better) with its interval, the per-season log losses, the sums of P per race and the model's
reliability table; pre-qualifying (grid blanked: stage 1 predicts it) likewise; stage 1's
qualifying gap MAE and grid rank correlation against "same as the last race". Saves JSON and
Markdown under <root>/reports/ml/. One run, no timings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ml.backtest import pooled, report, walk_forward
from ml.elo import with_elo
from ml.evaluate import reliability
from ml.features import TARGETS, load_features
from ml.modeling import KINDS
from ml.qualifying import pace_report, walk_forward_pace
from ml.settings import MlSettings

out = Console(width=160)


def cell(entry: dict) -> str:
    low, high = entry["log_loss_ci"]
    return f"{entry['log_loss']:.4f} [{low:.4f}, {high:.4f}]"


def pace_lines(pace: dict) -> list[str]:
    lines = [
        "",
        "## stage 1: qualifying pace before qualifying (gap to pole MAE in %, clipped at 10 %; "
        "grid: mean Spearman per race against the starting grid)",
        "",
        "| season | model gap MAE | last race gap MAE | model grid rho | last race grid rho |",
        "|---|---|---|---|---|",
    ]
    rows = [*sorted(pace["seasons"].items()), ("all", pace["pooled"])]
    rows.append(("practice weekends", pace["practice_weekends"]))
    for season, entry in rows:
        if "model" not in entry:
            continue
        m, b = entry["model"], entry["last_race"]
        lines.append(
            f"| {season} | {m['gap_mae']:.3f} | {b['gap_mae']:.3f} | {m['grid_spearman']:.3f} "
            f"| {b['grid_spearman']:.3f} |"
        )
    return lines


def main(seasons: Annotated[str, typer.Option(help="First-last season")] = "2015-2025") -> None:
    settings = MlSettings()
    first, _, last = seasons.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    frame = load_features(settings.layout.warehouse)
    predictions = walk_forward(
        frame, years, settings.ml_seed, settings.ml_train_window, settings.ml_min_train_season
    )
    lines = [
        f"seasons {seasons}, {predictions['race'].nunique()} races, window "
        f"{settings.ml_train_window} seasons",
        "",
    ]
    summary = {}
    for mode in ("targets", "pre_qualifying"):
        lines += [
            f"## {mode}",
            "",
            "| target | model | mean log loss [95 % race bootstrap] | ECE | top-pick hits |",
            "|---|---|---|---|---|",
        ]
        for target in TARGETS:
            body = pooled(predictions, mode, target)
            summary[f"{mode}/{target}"] = body
            for kind, entry in body.items():
                hits = entry.get("top_pick_hits", "-")
                ece = f"{entry['ece']:.4f}" if "ece" in entry else "-"
                lines.append(f"| {target} | {kind} | {cell(entry)} | {ece} | {hits} |")
        lines.append("")
    result = report(predictions)
    lines += [
        "## per season (log loss, grid known)",
        "",
        "| target | season | " + " | ".join(KINDS) + " |",
        "|---|---|" + "---|" * len(KINDS),
    ]
    for target, body in result["targets"].items():
        for season, entry in sorted(body["seasons"].items()):
            values = " | ".join(f"{entry[k]['log_loss']:.4f}" for k in KINDS)
            lines.append(f"| {target} | {season} | {values} |")
    model = predictions[(predictions["mode"] == "targets") & (predictions["kind"] == "model")]
    lines += ["", "## sums of the model's P per race (min / max)", ""]
    for target, group in model.groupby("target"):
        sums = group.groupby("race")["p"].sum()
        lines.append(f"- {target}: {sums.min():.4f} / {sums.max():.4f}")
    lines += ["", "## reliability of the model (bin: rows, predicted, observed)", ""]
    for target, group in model.groupby("target"):
        table = reliability(group["y"].to_numpy(), group["p"].to_numpy())
        cells = [
            f"{int(r.bin)}: {int(r.rows)}, {r.predicted:.3f}, {r.observed:.3f}"
            for r in table.itertuples()
        ]
        lines.append(f"- {target}: " + "; ".join(cells))
    pace = pace_report(
        walk_forward_pace(
            with_elo(frame),
            years,
            settings.ml_seed,
            settings.ml_train_window,
            settings.ml_min_train_season,
        )
    )
    result["qualifying"] = pace
    lines += pace_lines(pace)
    text = "\n".join(lines) + "\n"
    out.print(text, markup=False, highlight=False)
    folder = settings.layout.root / "reports" / "ml"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "backtest.json").write_text(json.dumps(result, indent=1, sort_keys=True))
    (folder / "summary.json").write_text(json.dumps(summary, indent=1, sort_keys=True))
    (folder / "backtest.md").write_text(text)
    out.print(f"report: {folder}")


if __name__ == "__main__":
    typer.run(main)
