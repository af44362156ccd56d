"""HTTP client of the copilot API (POST /ask, GET /health) used by the AI Copilot page.

Never raises for a copilot that is down or answers with an error: the page shows a notice and
the rest of the dashboard keeps working.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CopilotAnswer:
    """A successful /ask answer (the copilot's AskResponse)."""

    question: str
    sql: str
    columns: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool
    chart: dict[str, Any]
    source: str
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    library_id: str | None = None

    @property
    def from_model(self) -> bool:
        return self.source == "llm"


@dataclass(frozen=True)
class CopilotProblem:
    """Why there is no answer: `unreachable` (copilot down) or the API's error code."""

    kind: str
    message: str
    sql: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def copilot_down(self) -> bool:
        return self.kind == "unreachable"


@dataclass(frozen=True)
class CopilotHealth:
    reachable: bool
    status: str
    model: str = ""
    model_ok: bool = False
    detail: str = ""


class CopilotClient:
    """Talks to the copilot at `base_url`."""

    def __init__(self, base_url: str, timeout_s: float = 90.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s

    def ask(
        self,
        question: str,
        *,
        season: int | None = None,
        event: str | None = None,
        session: str | None = None,
    ) -> CopilotAnswer | CopilotProblem:
        payload: dict[str, Any] = {"question": question}
        scope = {"season": season, "event": event, "session": session}
        payload |= {name: value for name, value in scope.items() if value is not None}
        try:
            response = httpx.post(f"{self.base_url}/ask", json=payload, timeout=self.timeout_s)
        except httpx.TimeoutException:
            return CopilotProblem(
                "timeout", f"The copilot did not answer within {self.timeout_s:.0f} s."
            )
        except httpx.HTTPError as error:
            logger.warning("copilot unreachable at %s: %s", self.base_url, error)
            return CopilotProblem("unreachable", self.down_message())
        return self.parse(response)

    def down_message(self) -> str:
        return (
            f"The AI copilot is not reachable at {self.base_url}. Start it with `make copilot` "
            "(or set AI_SERVICE_URL); every other page keeps working."
        )

    def parse(self, response: httpx.Response) -> CopilotAnswer | CopilotProblem:
        try:
            body = response.json()
        except ValueError:
            return CopilotProblem(
                "bad_response", f"The copilot answered HTTP {response.status_code}."
            )
        if response.status_code == 200 and isinstance(body, dict) and "rows" in body:
            return CopilotAnswer(
                question=str(body.get("question", "")),
                sql=str(body.get("sql", "")),
                columns=list(body.get("columns", [])),
                rows=list(body.get("rows", [])),
                row_count=int(body.get("row_count", 0)),
                truncated=bool(body.get("truncated", False)),
                chart=dict(body.get("chart") or {}),
                source=str(body.get("source", "")),
                notes=list(body.get("notes", [])),
                timings=dict(body.get("timings") or {}),
                library_id=body.get("library_id"),
            )
        if isinstance(body, dict) and "error" in body:
            return CopilotProblem(
                kind=str(body["error"]),
                message=str(body.get("message", "")),
                sql=body.get("sql"),
                notes=list(body.get("notes", [])),
            )
        detail = body.get("detail") if isinstance(body, dict) else None
        return CopilotProblem("bad_request", f"HTTP {response.status_code}: {detail or body}")

    def health(self) -> CopilotHealth:
        try:
            response = httpx.get(f"{self.base_url}/health", timeout=3.0)
            body = response.json()
        except (httpx.HTTPError, ValueError):
            return CopilotHealth(reachable=False, status="down")
        ollama = body.get("ollama") or {}
        return CopilotHealth(
            reachable=True,
            status=str(body.get("status", "")),
            model=str(body.get("model", "")),
            model_ok=bool(ollama.get("ok", False)),
            detail=str(ollama.get("detail", "")),
        )
