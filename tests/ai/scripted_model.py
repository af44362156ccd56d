"""The copilot's model stand-in for tests: it returns the replies it was given, in order."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ai.llm import Message, ModelHealth, ModelUnavailableError


@dataclass
class ScriptedModel:
    """Test stand-in: returns its replies in order (the last one repeats); plain SQL is wrapped
    into {"sql": ...}; records every prompt it was sent. `available=False` mimics Ollama down."""

    replies: list[str]
    available: bool = True
    raw: bool = False
    name: str = "scripted"
    prompts: list[list[Message]] = field(default_factory=list)
    schemas: list[dict[str, Any] | None] = field(default_factory=list)

    def complete(self, messages: Sequence[Message], schema: dict[str, Any] | None = None) -> str:
        if not self.available:
            raise ModelUnavailableError("scripted model is switched off")
        self.prompts.append(list(messages))
        self.schemas.append(schema)
        index = min(len(self.prompts) - 1, len(self.replies) - 1)
        reply = self.replies[index]
        return reply if self.raw else json.dumps({"sql": reply})

    def health(self) -> ModelHealth:
        if not self.available:
            return ModelHealth(False, False, "scripted model is switched off")
        return ModelHealth(True, True, "ok")
