"""The messages sent to the model: rules, served schema, real dimension values, library examples."""

from __future__ import annotations

from collections.abc import Sequence

from ai.llm import Message
from ai.models import AskRequest
from ai.schema_catalog import Catalog

RULES = """You translate questions about Formula 1 into ONE DuckDB SQL query.
Rules:
- Answer with JSON only: {"sql": "<one SELECT>", "chart": {"type": "bar|line|scatter|table",
  "x": "<column>", "y": "<column>", "color": "<column or null>", "title": "<short title>"}}.
- One read-only SELECT (WITH and UNION allowed). Never write, create, copy, attach, install,
  load, pragma, set or call anything; never use table functions or read files.
- Use only the tables below, always qualified with their schema (gold.fct_results, ...).
  Prefer gold tables. Filter with the real values listed below (exact spelling).
- Keys: season INTEGER (year), round INTEGER (1 = first Grand Prix), session_code in
  (FP1 FP2 FP3 SQ SS S Q R), session_type in (practice sprint_qualifying sprint qualifying race),
  event_id 'YYYY-RR' (e.g. '2024-10'), session_id 'YYYY-RR-CODE' (e.g. '2024-10-Q'),
  driver_code (e.g. 'VER'), driver_number VARCHAR, team_name; times are milliseconds (*_ms).
- The race is session_code 'R', qualifying 'Q', sprint 'S'.
- History since 1950 (titles, careers, circuits, any race before 2018): gold.season_champions,
  gold.driver_career, gold.constructor_career, gold.circuit_history, gold.fct_history_results,
  keyed by Ergast refs driver_ref ('hamilton'), constructor_ref ('ferrari'), circuit_ref
  ('monza'); gold.dim_drivers.driver_ref links a driver_code to them.
- Return at most a few hundred rows; order results meaningfully."""


def system_message(catalog: Catalog, examples: Sequence[tuple[str, str]]) -> str:
    shots = "\n\n".join(f"Question: {q}\nSQL: {sql}" for q, sql in examples)
    return (
        f"{RULES}\n\n## Tables\n{catalog.ddl()}\n\n## Real values\n{catalog.dimension_text()}"
        + (f"\n\n## Examples\n{shots}" if shots else "")
    )


def user_message(request: AskRequest) -> str:
    context = [
        f"{label}: {value}"
        for label, value in (
            ("season", request.season),
            ("event", request.event),
            ("session", request.session),
        )
        if value is not None
    ]
    suffix = f"\n(Context — {'; '.join(context)})" if context else ""
    return f"{request.question}{suffix}"


def first_messages(
    catalog: Catalog, request: AskRequest, examples: Sequence[tuple[str, str]]
) -> list[Message]:
    return [
        {"role": "system", "content": system_message(catalog, examples)},
        {"role": "user", "content": user_message(request)},
    ]


def repair_messages(reply: str, error: str) -> list[Message]:
    """Feed the failure back: the model's own reply, then what was wrong with it."""
    return [
        {"role": "assistant", "content": reply},
        {
            "role": "user",
            "content": (
                f"That did not work: {error}\n"
                'Fix it. Reply with JSON only: {"sql": "...", "chart": {...}}.'
            ),
        },
    ]
