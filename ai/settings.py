"""Settings of the copilot (environment variables; see f1lake.settings.CoreSettings)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from f1lake.settings import CoreSettings


class CopilotSettings(CoreSettings):
    """Everything the copilot service can be told: model, limits and where it writes its audit."""

    llm_provider: Literal["ollama", "openai"] = Field(
        default="ollama",
        description="Which model server: `ollama` (OLLAMA_HOST) or any OpenAI-compatible one "
        "(llama.cpp's llama-server, vLLM, LM Studio, LocalAI) at LLM_BASE_URL (LLM_PROVIDER).",
    )
    llm_base_url: str | None = Field(
        default=None,
        description="Base URL of the model server (LLM_BASE_URL); default OLLAMA_HOST for "
        "ollama, http://127.0.0.1:LLM_PORT for openai.",
    )
    llm_model: str | None = Field(
        default=None,
        description="Model name (LLM_MODEL); default OLLAMA_MODEL for ollama, smollm2-135m "
        "(make llm-server) for openai.",
    )
    llm_api_key: str | None = Field(
        default=None, description="Bearer token for an OpenAI-compatible server (LLM_API_KEY)."
    )
    llm_num_ctx: int = Field(
        default=4096,
        ge=1024,
        description="Context window of the openai provider's model "
        "(LLM_NUM_CTX; the prompt takes at most half; make llm-server serves 4096).",
    )
    llm_port: int = Field(
        default=8080, ge=1, le=65535, description="Port of `make llm-server` (LLM_PORT)."
    )
    ollama_host: str = Field(
        default="http://127.0.0.1:11434", description="Base URL of the Ollama server (OLLAMA_HOST)."
    )
    ollama_model: str = Field(default="llama3.2:3b", description="Ollama model (OLLAMA_MODEL).")
    ollama_timeout_s: float = Field(
        default=60.0, gt=0, description="Seconds one model call may take (OLLAMA_TIMEOUT_S)."
    )
    ollama_num_ctx: int = Field(
        default=8192, ge=2048, description="Model context window in tokens (OLLAMA_NUM_CTX)."
    )
    copilot_max_rows: int = Field(
        default=1000, ge=1, le=100_000, description="Row cap: LIMIT added or clamped to this."
    )
    copilot_query_timeout_s: float = Field(
        default=5.0, gt=0, description="Seconds a query may run before it is interrupted."
    )
    copilot_memory_limit: str = Field(
        default="512MB", description="DuckDB memory limit of the sandbox (COPILOT_MEMORY_LIMIT)."
    )
    copilot_threads: int = Field(default=2, ge=1, description="DuckDB threads of the sandbox.")
    copilot_workers: int = Field(
        default=2, ge=1, le=16, description="Sandbox worker processes (queries run in parallel)."
    )
    copilot_worker_memory_mb: int = Field(
        default=1536, ge=256, description="Address-space cap (RLIMIT_AS) of each sandbox worker."
    )
    copilot_response_bytes: int = Field(
        default=2_000_000, ge=10_000, description="Byte budget of the rows of one answer."
    )
    copilot_max_value_chars: int = Field(
        default=2000, ge=10, description="Longer values (strings, lists) are cut and flagged."
    )
    copilot_model_hints: bool = Field(
        default=True, description="Give the model the parser's reading of the question as hints."
    )
    copilot_model_output: Literal["auto", "typed", "sql"] = Field(
        default="auto",
        description="What the model answers (COPILOT_MODEL_OUTPUT): `typed` the semantic layer's "
        "typed query (or SQL beside it), `sql` SQL, `auto` the typed query when the question "
        "names a metric of the layer, else SQL.",
    )
    copilot_spill_max: str = Field(
        default="1GB",
        description="Most a sandboxed query may spill to <data root>/tmp/copilot (DuckDB size).",
    )
    copilot_max_repairs: int = Field(
        default=2, ge=0, le=2, description="How often a failed model SQL is sent back for repair."
    )
    copilot_model_budget_s: float = Field(
        default=120.0, gt=0, description="Model time per question after which repairs stop."
    )
    copilot_model_retry_s: float = Field(
        default=30.0, ge=0, description="After Ollama failed, seconds to answer without it."
    )
    copilot_max_concurrent_asks: int = Field(
        default=4, ge=1, le=64, description="Questions answered at once (threads of POST /ask)."
    )
    copilot_max_queued_asks: int = Field(
        default=16, ge=0, le=1024, description="Questions waiting for a slot; more: 503 busy."
    )
    copilot_max_concurrent_predictions: int = Field(
        default=2, ge=1, le=64, description="POST /predict requests computed at once."
    )
    copilot_max_queued_predictions: int = Field(
        default=16, ge=0, le=1024, description="Predictions waiting for a slot; more: 503 busy."
    )
    copilot_max_body_bytes: int = Field(
        default=64 * 1024,
        ge=1024,
        le=8 * 1024 * 1024,
        description="Largest request body; a larger one is cut off while read (413).",
    )
    copilot_body_timeout_s: float = Field(
        default=10.0, gt=0, le=300, description="Seconds a request body may take to arrive (408)."
    )
    copilot_header_timeout_s: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="Seconds a connection may take to send complete request headers (`ai serve`).",
    )
    copilot_keep_alive_s: int = Field(
        default=5, ge=1, le=300, description="Seconds an idle keep-alive connection stays open."
    )
    copilot_health_cache_s: float = Field(
        default=5.0, ge=0, le=300, description="Seconds GET /health reuses the model's health."
    )
    copilot_health_wait_s: float = Field(
        default=0.5,
        gt=0,
        le=5,
        description="Longest GET /health waits for the model's health (then: no answer, slow).",
    )
    copilot_port: int = Field(default=8000, ge=1, le=65535, description="Port of `ai serve`.")
    copilot_audit_log: Path | None = Field(
        default=None,
        description="Audit JSON-lines file; default <data root>/logs/copilot/audit.jsonl.",
    )

    @property
    def model_base_url(self) -> str:
        if self.llm_base_url:
            return self.llm_base_url
        if self.llm_provider == "openai":
            return f"http://127.0.0.1:{self.llm_port}"
        return self.ollama_host

    @property
    def model_name(self) -> str:
        if self.llm_model:
            return self.llm_model
        return "smollm2-135m" if self.llm_provider == "openai" else self.ollama_model

    @property
    def warehouse_path(self) -> Path:
        return self.layout.warehouse

    @property
    def models_dir(self) -> Path:
        """The ml registry POST /predict serves (written by `python -m ml train`)."""
        return self.layout.models

    @property
    def audit_log_path(self) -> Path:
        if self.copilot_audit_log is not None:
            return self.copilot_audit_log
        return self.layout.logs / "copilot" / "audit.jsonl"
