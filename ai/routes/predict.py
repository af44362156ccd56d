"""POST /predict: a race (season, round) in, each driver's top10/podium/win/dnf probabilities
from the ml registry's newest models out, ordered by p_win. Errors are ErrorResponse JSON."""

from __future__ import annotations

from fastapi import APIRouter

from ai.concurrency import BusyError
from ai.counters import record_prediction
from ai.deps import GatesDep, PredictorDep
from ai.errors import TYPED_ERRORS, typed_error
from ai.models import DriverPrediction, ErrorResponse, PredictRequest, PredictResponse
from ai.predictor import Predictor
from ai.routes import HTTP_REFUSALS

router = APIRouter(tags=["predictions"])


def predict_race(predictor: Predictor, body: PredictRequest) -> PredictResponse:
    """The blocking part (models, warehouse read, scoring), run in a thread of the gate."""
    try:
        scored, loaded = predictor.predict(body.season, body.round)
    except tuple(TYPED_ERRORS) as error:  # counted by its error code, answered by its handler
        record_prediction(typed_error(error)[1])
        raise
    record_prediction("ok")
    return PredictResponse(
        season=body.season,
        round=body.round,
        event_id=str(scored["event_id"].iloc[0]),
        model_versions=loaded.versions,
        drivers=[
            DriverPrediction.model_validate(row)
            for row in scored[list(DriverPrediction.model_fields)].to_dict("records")
        ],
    )


@router.post(
    "/predict",
    response_model=PredictResponse,
    responses={
        400: {"model": ErrorResponse, "description": "The body is not JSON (code bad_request)."},
        404: {"model": ErrorResponse, "description": "No such race in the feature table."},
        **HTTP_REFUSALS,
        503: {
            "model": ErrorResponse,
            "description": "No trained model, or no warehouse, or too many requests at once "
            "(busy, with Retry-After).",
        },
    },
)
async def predict(
    body: PredictRequest, predictor: PredictorDep, gates: GatesDep
) -> PredictResponse:
    """Probabilities for one race from the newest model version of each target (loaded once,
    reloaded when `python -m ml train` writes newer ones); the features come from the served
    warehouse's gold.ml_driver_race_features. Computed in a thread of the predict gate
    (ai.concurrency): a few at once, a bounded queue, then 503 busy."""
    try:
        return await gates.predict.run(lambda: predict_race(predictor, body))
    except BusyError:
        record_prediction("busy")
        raise
