"""`python -m ml train | backtest | predict | retrain` — the command the ml container runs."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from f1lake.logging_setup import configure_logging
from f1lake.warehouse import WarehouseMissingError
from ml.features import load_features
from ml.modeling import KINDS
from ml.predict import NoSuchRaceError, predict_race, train, write_predictions
from ml.registry import NoModelError
from ml.settings import MlSettings

app = typer.Typer(
    help="Race predictions: train, backtest and predict.",
    add_completion=False,
    no_args_is_help=True,
)
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
    for meta in train(
        frame,
        settings.layout.models,
        settings.ml_seed,
        settings.ml_min_train_season,
        settings.ml_train_window,
    ):
        held = meta.metrics
        out.print(
            f"{meta.target}: version {meta.version} ({meta.kind}), "
            f"{len(meta.training_seasons)} seasons, "
            f"log loss {held['log_loss']:.4f} on {held['holdout_season']}"
        )


@app.command("backtest")
def backtest_command(
    seasons: Annotated[str, typer.Option(help="Seasons to evaluate, e.g. 2015-2025")] = "2015-2025",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Walk-forward: for each season S train on the window before S and evaluate on S."""
    from ml.backtest import report, walk_forward
    from ml.elo import with_elo
    from ml.qualifying import pace_report, walk_forward_pace

    settings = MlSettings()
    configure_logging(settings.log_level)
    try:
        frame = load_features(settings.layout.warehouse)
    except WarehouseMissingError as exc:
        raise _fail(exc) from None
    predictions = walk_forward(
        frame,
        _seasons(seasons),
        settings.ml_seed,
        settings.ml_train_window,
        settings.ml_min_train_season,
    )
    if predictions.empty:
        raise _fail(ValueError(f"no season of {seasons} has results and training seasons"))
    result = report(predictions)
    result["qualifying"] = pace_report(
        walk_forward_pace(
            with_elo(frame),
            _seasons(seasons),
            settings.ml_seed,
            settings.ml_train_window,
            settings.ml_min_train_season,
        )
    )
    if as_json:
        print(json.dumps(result, indent=1, sort_keys=True))  # noqa: T201 - the command's output
        return
    for target, body in result["targets"].items():
        table = Table(title=f"{target}: log loss (lower is better), grid known")
        table.add_column("season", justify="right")
        for kind in KINDS:
            table.add_column(kind, justify="right")
        for season, entry in sorted(body["seasons"].items()):
            table.add_row(str(season), *(f"{entry[k]['log_loss']:.4f}" for k in KINDS))
        out.print(table)
    table = Table(title="qualifying pace (stage 1) before qualifying: gap MAE % / grid Spearman")
    table.add_column("season", justify="right")
    kinds = ("model", "last_race")
    for kind in kinds:
        table.add_column(kind, justify="right")
    for season, entry in sorted(result["qualifying"]["seasons"].items()):
        table.add_row(
            str(season),
            *(f"{entry[k]['gap_mae']:.3f} / {entry[k]['grid_spearman']:.3f}" for k in kinds),
        )
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
        predictions = predict_race(frame, settings.layout.models, season, round_number)
    except (WarehouseMissingError, NoModelError, NoSuchRaceError) as exc:
        raise _fail(exc) from None
    path = write_predictions(predictions, settings.layout.predictions, season, round_number)
    table = Table(title=f"{season} round {round_number}: probabilities")
    for column in ("driver", "win", "podium", "top10", "dnf"):
        table.add_column(column, justify="right")
    for row in predictions.itertuples():
        table.add_row(
            str(row.driver_ref),
            f"{row.p_win:.3f}",
            f"{row.p_podium:.3f}",
            f"{row.p_top10:.3f}",
            f"{row.p_dnf:.3f}",
        )
    out.print(table)
    out.print(f"written: {path}")


@app.command("retrain")
def retrain_command(
    kind: Annotated[
        str, typer.Option(help=f"Recipe of the candidate: {', '.join(KINDS)}")
    ] = "model",
    if_needed: Annotated[
        bool, typer.Option("--if-needed", help="Only when there are new results or drift")
    ] = False,
) -> None:
    """Train a candidate; promote it only if it is not worse than the served model (exit 3)."""
    from ml.retrain import reasons_to_retrain, retrain

    settings = MlSettings()
    configure_logging(settings.log_level)
    if kind not in KINDS:
        raise _fail(ValueError(f"unknown --kind {kind!r}: expected one of {', '.join(KINDS)}"))
    models = settings.layout.models
    try:
        frame = load_features(settings.layout.warehouse)
    except WarehouseMissingError as exc:
        raise _fail(exc) from None
    window, first = settings.ml_train_window, settings.ml_min_train_season
    if if_needed:
        reasons = reasons_to_retrain(frame, models, window, first)
        if not reasons:
            out.print("nothing new: no new results and no drift; not retrained")
            return
        out.print(f"retraining: {'; '.join(reasons)}")
    decisions = retrain(frame, models, settings.ml_seed, first, window, kind)
    for d in decisions:
        served = "none" if d.served_log_loss is None else f"{d.served_log_loss:.4f}"
        verdict = "promoted" if d.promoted else "kept as candidate (worse than served)"
        out.print(
            f"{d.target}: candidate {d.candidate_version} log loss "
            f"{d.candidate_log_loss:.4f} vs served {served} ({d.served_scored_as}) "
            f"on {d.season}: {verdict}"
        )
    if not all(d.promoted for d in decisions):
        raise typer.Exit(3)


if __name__ == "__main__":
    app()
