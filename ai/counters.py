"""The copilot's process-wide Prometheus counters and the hooks that count (free of the HTTP
framework: the pipeline, ai.copilot, counts its answers; ai.metrics serves them at /metrics):
`record_answer(source, outcome)` once per question, `record_prediction(outcome)` once per
/predict request."""

from __future__ import annotations

from prometheus_client import Counter

# Process-wide counters (one registry per app registers them, so test apps do not clash).
ANSWERS = Counter(
    "copilot_answers",
    "Answers to /ask by source (llm, library, none) and outcome (ok or the error code).",
    ["source", "outcome"],
    registry=None,
)
SANDBOX_TIMEOUTS = Counter(
    "copilot_sandbox_timeouts",
    "Questions whose validated SQL ran past the sandbox's query timeout.",
    registry=None,
)
PREDICTIONS = Counter(
    "ml_predictions",
    "POST /predict requests by outcome (ok or the error code).",
    ["outcome"],
    registry=None,
)
PREDICTIONS.labels(outcome="ok")
for _source in ("llm", "library"):  # the main series exist (at 0) before the first question
    ANSWERS.labels(source=_source, outcome="ok")


def record_answer(source: str | None, outcome: str) -> None:
    """Count one /ask result (called once per question, answered or not)."""
    ANSWERS.labels(source=source or "none", outcome=outcome).inc()
    if outcome == "timeout":
        SANDBOX_TIMEOUTS.inc()


def record_prediction(outcome: str) -> None:
    """Count one /predict result (one race, answered or not)."""
    PREDICTIONS.labels(outcome=outcome).inc()
