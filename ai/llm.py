"""The language model behind one small interface.

`SqlModel` is all the copilot needs: send chat messages, get the model's raw text back, and say
whether the model is available. `OllamaModel` uses the official `ollama` client with
temperature 0 and Ollama's `format` set to the JSON schema of `ModelAnswer` ({sql, chart});
`NoModel` is none at all (library answers only). The tests' stand-in is tests/ai/scripted_model.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import httpx
import ollama
from pydantic import BaseModel, Field, ValidationError

log = logging.getLogger(__name__)

Message = dict[str, str]


class ModelUnavailableError(RuntimeError):
    """The model cannot be reached (server down, model missing, call timed out)."""


class ChartHint(BaseModel):
    """The chart the model suggests; checked against the result's columns later."""

    type: Literal["bar", "line", "scatter", "table"] = "table"
    x: str | None = None
    y: str | None = None
    color: str | None = None
    title: str | None = None


class ModelAnswer(BaseModel):
    """What the model must return (Ollama's `format` is this model's JSON schema)."""

    sql: str = Field(description="One DuckDB SELECT over the served tables.")
    chart: ChartHint | None = None


ANSWER_SCHEMA: dict[str, Any] = ModelAnswer.model_json_schema()


def parse_answer(text: str) -> ModelAnswer:
    """The model's text as a ModelAnswer; ValueError with a one-line reason otherwise. Raw
    control characters inside strings (a newline in the SQL, which some servers' JSON grammars
    let through) are accepted, as JSON parsers in non-strict mode do."""
    try:
        try:
            return ModelAnswer.model_validate_json(text)
        except ValidationError:
            loose = json.loads(text, strict=False)
            return ModelAnswer.model_validate(loose)
    except json.JSONDecodeError as error:
        raise ValueError(f"model output is not JSON of the form {{sql, chart}}: {error}") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ValueError(
            f"model output is not JSON of the form {{sql, chart}}: {where} {first['msg']}"
        ) from error


@dataclass(frozen=True)
class ModelHealth:
    reachable: bool
    model_present: bool
    detail: str


class SqlModel(Protocol):
    """The one interface the copilot uses to talk to a language model."""

    name: str

    def complete(self, messages: Sequence[Message], schema: dict[str, Any] | None = None) -> str:
        """The model's raw reply, constrained to `schema` (default: ModelAnswer's, {sql, chart};
        the typed query's is ai.semantic.typed_json's). ModelUnavailableError if down."""
        ...

    def health(self) -> ModelHealth: ...


class OllamaModel:
    """The real model: the official ollama client, temperature 0, JSON-schema output, and a
    context window (`num_ctx`) large enough for the schema prompt (Ollama's default truncates)."""

    def __init__(self, host: str, model: str, timeout_s: float, num_ctx: int = 8192) -> None:
        self.name = model
        self.provider = "ollama"
        self.num_ctx = num_ctx
        self.host = host
        self._client = ollama.Client(host=host, timeout=timeout_s)
        self._probe = ollama.Client(host=host, timeout=min(timeout_s, 2.0))

    def complete(self, messages: Sequence[Message], schema: dict[str, Any] | None = None) -> str:
        try:
            response = self._client.chat(
                model=self.name,
                messages=list(messages),
                format=schema or ANSWER_SCHEMA,
                options={"temperature": 0, "num_ctx": self.num_ctx},
            )
        except (ollama.ResponseError, httpx.HTTPError, ConnectionError, OSError) as error:
            raise ModelUnavailableError(f"Ollama at {self.host}: {error}") from error
        return response.message.content or ""

    def health(self) -> ModelHealth:
        try:
            listed = self._probe.list()
        except (ollama.ResponseError, httpx.HTTPError, ConnectionError, OSError) as error:
            return ModelHealth(False, False, f"Ollama unreachable at {self.host}: {error}")
        names = {m.model for m in listed.models if m.model}
        wanted = {self.name, f"{self.name}:latest"}
        present = bool(names & wanted)
        detail = "ok" if present else f"model {self.name} not pulled (ollama pull {self.name})"
        return ModelHealth(True, present, detail)


@dataclass
class NoModel:
    """No model at all: the copilot answers from its library alone (a question it does not
    understand is `needs_llm`). What `benchmarks/copilot_eval.py` scores as "library"."""

    name: str = "none"

    def complete(self, messages: Sequence[Message], schema: dict[str, Any] | None = None) -> str:
        raise ModelUnavailableError("no model configured: library answers only")

    def health(self) -> ModelHealth:
        return ModelHealth(False, False, "no model configured: library answers only")
