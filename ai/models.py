"""Pydantic request and response models of the copilot API (they define the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ChartType = Literal["bar", "line", "scatter", "table"]


class AskRequest(BaseModel):
    """A question, optionally narrowed to a season, an event and a session."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=1000, examples=["Who won the 2024 Spanish GP?"])
    season: int | None = Field(default=None, ge=1950, le=2100, description="e.g. 2024")
    event: str | None = Field(
        default=None, max_length=200, description="Event name, country, location or event_id."
    )
    session: str | None = Field(
        default=None, max_length=40, description="Session code (FP1 FP2 FP3 SQ SS S Q R) or name."
    )


class ChartSpec(BaseModel):
    """A chart to draw from the rows: never code, only column names from the result."""

    type: ChartType
    x: str | None = None
    y: str | None = None
    color: str | None = None
    title: str = ""


class Timings(BaseModel):
    """Milliseconds spent per step (model is 0 for library answers)."""

    model_ms: float = 0.0
    validate_ms: float = 0.0
    execute_ms: float = 0.0
    chart_ms: float = 0.0
    total_ms: float = 0.0


class AskResponse(BaseModel):
    """An answer: the SQL that ran, its rows, and how to chart them."""

    question: str
    sql: str
    columns: list[str]
    types: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool = Field(
        description="True when rows were cut: the row cap or the response byte budget was reached."
    )
    values_truncated: int = Field(
        default=0, description="How many long values were cut to the per-value size cap."
    )
    chart: ChartSpec
    source: Literal["llm", "library"]
    library_id: str | None = Field(default=None, description="Query-library entry used, if any.")
    notes: list[str] = Field(default_factory=list)
    timings: Timings


ErrorCode = Literal[
    "needs_llm",
    "rejected",
    "model_output_invalid",
    "query_failed",
    "timeout",
    "resource_limit",
    "warehouse_missing",
    "model_unavailable",
    "bad_request",
    "warehouse_unreadable",
    "internal_error",
    "ambiguous",
    "race_not_found",
    "model_missing",
    "payload_too_large",
    "request_timeout",
    "invalid_json",
    "invalid_request",
    "busy",
]


class ErrorResponse(BaseModel):
    """Why there is no answer (HTTP 400 for an unusable query, 422 `needs_llm` for a question
    only the model could read while none answers, 503 when a dependency is down)."""

    error: ErrorCode
    message: str
    question: str = ""
    sql: str | None = None
    source: Literal["llm", "library"] | None = None
    notes: list[str] = Field(default_factory=list)
    timings: Timings = Field(default_factory=Timings)


class FieldError(BaseModel):
    """Where a request failed validation and why (never the value that was sent)."""

    loc: list[str | int]
    msg: str


class ValidationErrorResponse(ErrorResponse):
    """HTTP 422: the body is not strict JSON (`invalid_json`) or does not match the request
    model (`invalid_request`, with the first errors, at most 10)."""

    errors: list[FieldError] = Field(default_factory=list)


class ComponentHealth(BaseModel):
    ok: bool
    detail: str


class HealthResponse(BaseModel):
    """`ok` when warehouse and model are both usable, `degraded` otherwise (still HTTP 200)."""

    status: Literal["ok", "degraded"]
    warehouse: ComponentHealth
    ollama: ComponentHealth = Field(
        description="The model server (whatever its provider): reachable, model served, answers."
    )
    model: str
    provider: str = Field(default="ollama", description="LLM_PROVIDER: ollama or openai.")


class ColumnOut(BaseModel):
    name: str
    type: str
    description: str


class TableOut(BaseModel):
    schema_name: str
    name: str
    description: str
    columns: list[ColumnOut]


class SchemaResponse(BaseModel):
    """The served silver/gold tables and the real values of the key dimensions."""

    tables: list[TableOut]
    seasons: list[int]
    event_names: list[str]
    driver_codes: list[str]
    teams: list[str]
    session_codes: list[str]


class PredictRequest(BaseModel):
    """The race to predict: its season and round (integers, nothing else)."""

    model_config = ConfigDict(extra="forbid")

    season: int = Field(ge=1950, le=2100, examples=[2025])
    round: int = Field(ge=1, le=99, examples=[22])

    @field_validator("season", "round", mode="before")
    @classmethod
    def json_number(cls, value: object) -> object:
        """A JSON number with an integral value (22 or 22.0), never "22" or true."""
        if isinstance(value, bool | str):
            raise ValueError("must be a JSON integer, not a string or a boolean")
        return value


class DriverPrediction(BaseModel):
    """One driver's probabilities of finishing top 10, on the podium, winning and retiring."""

    driver_ref: str
    constructor_ref: str | None
    p_top10: float = Field(ge=0, le=1)
    p_podium: float = Field(ge=0, le=1)
    p_win: float = Field(ge=0, le=1)
    p_dnf: float = Field(ge=0, le=1)


class PredictResponse(BaseModel):
    """A race's predictions (drivers ordered by p_win) and the model version of each target."""

    season: int
    round: int
    event_id: str
    model_versions: dict[str, str] = Field(
        description="Target (top10, podium, win, dnf) -> version."
    )
    drivers: list[DriverPrediction]
