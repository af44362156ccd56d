"""The copilot's model through the OpenAI chat API, as llama.cpp's `llama-server` (and
llama-cpp-python's server), vLLM, LM Studio and LocalAI serve it.

`OpenAICompatibleModel` is a `SqlModel` (ai.llm): temperature 0, the answer constrained to the
JSON schema of `ModelAnswer` through `response_format` — the OpenAI form (`json_schema`) first;
a server that refuses it (llama-cpp-python's takes `{"type": "json_object", "schema": ...}`)
is asked in that form from then on — a timeout per call, retries of connection failures (not of
slow answers: a model that hangs costs one timeout, then the copilot answers without it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from ai.llm import ANSWER_SCHEMA, Message, ModelHealth, ModelUnavailableError

CONNECT_RETRIES = 2
MAX_TOKENS = 512  # an answer is one query and a chart: a model that rambles is cut, not waited on
PROBE_TIMEOUT_S = 2.0


def response_format(style: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON-schema constraint (default: ModelAnswer's) in the OpenAI form, or in
    llama-cpp-python's."""
    schema = schema or ANSWER_SCHEMA
    if style == "json_object":
        return {"type": "json_object", "schema": schema}
    return {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": schema, "strict": True},
    }


class OpenAICompatibleModel:
    """A model behind `POST {base_url}/v1/chat/completions` (base URL with or without /v1)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        timeout_s: float,
        api_key: str | None = None,
        max_tokens: int = MAX_TOKENS,
        num_ctx: int = 4096,
    ) -> None:
        self.name = model
        self.provider = "openai"
        base = base_url.rstrip("/")
        self.base_url = base if base.endswith("/v1") else f"{base}/v1"
        self.style = "json_schema"
        self.max_tokens = max_tokens
        self.num_ctx = num_ctx  # the server's context window: the prompt takes half of it
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        transport = httpx.HTTPTransport(retries=CONNECT_RETRIES)
        self._client = httpx.Client(timeout=timeout_s, headers=headers, transport=transport)
        self._probe = httpx.Client(timeout=min(timeout_s, PROBE_TIMEOUT_S), headers=headers)

    def post(
        self, messages: Sequence[Message], schema: dict[str, Any] | None = None
    ) -> httpx.Response:
        body = {
            "model": self.name,
            "messages": list(messages),
            "temperature": 0,
            "max_tokens": self.max_tokens,
            "response_format": response_format(self.style, schema),
        }
        return self._client.post(f"{self.base_url}/chat/completions", json=body)

    def complete(self, messages: Sequence[Message], schema: dict[str, Any] | None = None) -> str:
        try:
            response = self.post(messages, schema)
            refused_format = response.status_code >= 400 and "response_format" in response.text
            if refused_format and self.style == "json_schema":
                self.style = "json_object"
                response = self.post(messages, schema)
            response.raise_for_status()
            choice = response.json()["choices"][0]["message"]
        except (httpx.HTTPError, OSError) as error:
            raise ModelUnavailableError(f"model server at {self.base_url}: {error}") from error
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise ModelUnavailableError(
                f"model server at {self.base_url} answered no chat message ({error})"
            ) from error
        content = choice.get("content") if isinstance(choice, dict) else None
        return content if isinstance(content, str) else ""

    def health(self) -> ModelHealth:
        try:
            response = self._probe.get(f"{self.base_url}/models")
            response.raise_for_status()
            listed = response.json().get("data", [])
        except (httpx.HTTPError, OSError, ValueError, AttributeError) as error:
            detail = f"model server unreachable at {self.base_url}: {error}"
            return ModelHealth(False, False, detail)
        names = {str(m.get("id")) for m in listed if isinstance(m, dict)}
        present = self.name in names or not names
        detail = "ok" if present else f"model {self.name} not served (served: {sorted(names)})"
        return ModelHealth(True, present, detail)
