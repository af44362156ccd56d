"""POST /predict: a race (season, round) in, each driver's top10/podium/win/dnf probabilities
from the ml registry's newest models out, ordered by p_win. Errors are ErrorResponse JSON."""

from __future__ import annotations

from fastapi import APIRouter

from ai.deps import PredictorDep
from ai.errors import TYPED_ERRORS, typed_error
from ai.metrics import record_prediction
from ai.models import DriverPrediction, ErrorResponse, PredictRequest, PredictResponse

router = APIRouter(tags=["predictions"])


@router.post(
    "/predict",
    response_model=PredictResponse,
    responses={
        400: {"model": ErrorResponse, "description": "The body is not JSON (code bad_request)."},
        404: {"model": ErrorResponse, "description": "No such race in the feature table."},
        500: {"model": ErrorResponse, "description": "Unexpected error (code internal_error)."},
        503: {"model": ErrorResponse, "description": "No trained model, or no warehouse."},
    },
)
def predict(body: PredictRequest, predictor: PredictorDep) -> PredictResponse:
    """Probabilities for one race from the newest model version of each target (loaded once,
    reloaded when `python -m ml train` writes newer ones); the features come from the served
    warehouse's gold.ml_driver_race_features."""
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
