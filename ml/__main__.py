"""`python -m ml train | backtest | predict` — the command the ml container runs."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from f1lake.logging_setup import configure_logging
from f1lake.warehouse import WarehouseMissingError
from ml.backtest import backtest as run_backtest
from ml.features import load_features
from ml.predict import NoSuchRaceError, predict_race, train, write_predictions
from ml.registry import NoModelError
from ml.settings import MlSettings

app = typer.Typer(help="Race predictions: train, backtest and predict.", add_completion=False,
                  no_args_is_help=True)  # fmt: skip
out = Console(width=140)
err = Console(stderr=True)


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _seasons(text: str) -> list[int]:
    first, _, last = text.partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY or YYYY-YYYY, got {text!r}") from None
    if not 1950 <= low <= high <= 2100:
        raise typer.BadParameter(f"seasons {text!r} out of 1950-2100")
    return list(range(low, high + 1))


@app.callback()
def main() -> None:
    """Race predictions from gold.ml_driver_race_features."""


@app.command("train")
def train_command() -> None:
    """Fit the top10, podium, win and dnf models on every race so far; save new versions."""
    settings = MlSettings()
    configure_logging(settings.log_level)
    try:
        frame = load_features(settings.layout.warehouse)
    except WarehouseMissingError as exc:
        raise _fail(exc) from None
    for meta in train(frame, settings.layout.root / "models", settings.ml_seed,
                      settings.ml_min_train_season):  # fmt: skip
        held = meta.metrics
        out.print(f"{meta.target}: version {meta.version}, {len(meta.training_seasons)} seasons, "
                  f"log loss {held['log_loss']:.4f} on {held['holdout_season']}")  # fmt: skip


@app.command("backtest")
def backtest_command(
    seasons: Annotated[str, typer.Option(help="Seasons to evaluate, e.g. 2015-2025")] = "2015-2025",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Walk-forward: for each season S train on the seasons before S and evaluate on S."""
    settings = MlSettings()
    configure_logging(settings.log_level)
    try:
        frame = load_features(settings.layout.warehouse)
    except WarehouseMissingError as exc:
        raise _fail(exc) from None
    report = run_backtest(frame, _seasons(seasons), settings.ml_seed, settings.ml_min_train_season)
    if as_json:
        print(json.dumps(report, indent=1, sort_keys=True))  # noqa: T201 - the command's output
        return
    for target, by_season in report.items():
        table = Table(title=f"{target}: log loss (lower is better)")
        for column in ("season", "model", "baseline", "model AUC", "baseline AUC"):
            table.add_column(column, justify="right")
        for season, entry in sorted(by_season.items()):
            m, b = entry["model"], entry["baseline"]
            table.add_row(str(season), f"{m['log_loss']:.4f}", f"{b['log_loss']:.4f}",
                          f"{m['roc_auc']:.3f}", f"{b['roc_auc']:.3f}")  # fmt: skip
        out.print(table)


@app.command("predict")
def predict_command(
    season: Annotated[int, typer.Option(help="Season of the race")],
    round_number: Annotated[int, typer.Option("--round", help="Round of the race")],
) -> None:
    """Probabilities for one race from the newest model versions, written to predictions/."""
    settings = MlSettings()
    configure_logging(settings.log_level)
    try:
        frame = load_features(settings.layout.warehouse)
        predictions = predict_race(frame, settings.layout.root / "models", season, round_number)
    except (WarehouseMissingError, NoModelError, NoSuchRaceError) as exc:
        raise _fail(exc) from None
    path = write_predictions(
        predictions, settings.layout.root / "predictions", season, round_number
    )
    table = Table(title=f"{season} round {round_number}: probabilities")
    for column in ("driver", "win", "podium", "top10", "dnf"):
        table.add_column(column, justify="right")
    for row in predictions.itertuples():
        table.add_row(str(row.driver_ref), f"{row.p_win:.3f}", f"{row.p_podium:.3f}",
                      f"{row.p_top10:.3f}", f"{row.p_dnf:.3f}")  # fmt: skip
    out.print(table)
    out.print(f"written: {path}")


if __name__ == "__main__":
    app()
