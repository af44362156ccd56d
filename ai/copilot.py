"""The /ask pipeline: library match, model call with up to two repairs, validate, run, chart, audit.

The model is tried first; when it is down or slow, a question the query library understands is
answered from the library (source "library"), anything else fails with `needs_llm` (HTTP 422:
this text cannot be answered without the model; never rows, never a 5xx for a question).
Whatever SQL is about to run has passed `ai.validation` and runs in `ai.sandbox`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import duckdb

from ai.ask_types import AskFailedError, Executed, ms_since
from ai.audit import AuditLog
from ai.charts import choose_chart
from ai.counters import record_answer
from ai.failures import WarehouseUnreadableError, typed_error
from ai.library import LibraryMatch, QueryLibrary, Understanding
from ai.library.review import agree, record_disagreement
from ai.library.semantic import semantic_first
from ai.llm import ChartHint, ModelUnavailableError, SqlModel
from ai.model_answer import answer_from_model
from ai.models import AskRequest, AskResponse, ChartSpec, Timings
from ai.sandbox import (
    QueryFailedError,
    QueryLimitError,
    QueryTimeoutError,
    Sandbox,
)
from ai.schema_catalog import Catalog, CatalogCache
from ai.semantic import SemanticReader
from ai.validation import SqlRejectedError, ValidatedSql, check_input_size
from f1lake.warehouse import WarehouseMissingError

log = logging.getLogger(__name__)

NO_ROWS_NOTE = "no rows: the warehouse may not hold this data (see gold.dim_sessions has_*)"


@dataclass
class Copilot:
    model: SqlModel
    catalog: CatalogCache
    sandbox: Sandbox
    library: QueryLibrary
    audit: AuditLog
    max_rows: int = 1000
    max_repairs: int = 2
    model_budget_s: float = 120.0
    model_retry_s: float = 30.0
    model_hints: bool = True  # the parser's reading (entities, SQL) in the model's prompt
    model_output: str = "auto"  # typed query, sql, or auto (ai.model_answer)
    semantic: SemanticReader | None = None  # read before the parser; None: the parser alone
    _down_until: float = field(default=0.0, init=False, repr=False)
    _down_reason: str = field(default="", init=False, repr=False)

    def execute(self, sql: str, catalog: Catalog) -> Executed:
        """Validate then run one SQL text (raises the validation/sandbox errors). The raw text's
        size is capped here; the checks themselves run in the sandbox worker, where a runaway
        check is stopped like a runaway query (ai.sandbox_worker)."""
        if not sql or not sql.strip():
            raise SqlRejectedError("empty SQL")
        check_input_size(sql)
        result = self.sandbox.run(sql, self.max_rows)
        validated = ValidatedSql(result.sql, result.limit, result.tables, result.notes)
        return Executed(validated, result, round(result.validate_ms, 3))

    def respond(
        self,
        request: AskRequest,
        done: Executed,
        source: str,
        title: str,
        hint: ChartHint | None,
        timings: Timings,
        notes: list[str],
        library_id: str | None,
    ) -> AskResponse:
        start = time.perf_counter()
        result = done.result
        try:
            chart = choose_chart(result.columns, result.types, result.rows, title, hint)
        except Exception:  # a chart is a convenience: a table always works
            log.exception("chart failed for %r", request.question)
            chart = ChartSpec(type="table", title=title[:80])
        timings.chart_ms = ms_since(start)
        timings.validate_ms += done.validate_ms
        timings.execute_ms += round(result.elapsed_ms, 3)
        truncated = result.truncated or len(result.rows) >= done.validated.limit == self.max_rows
        if not result.rows:
            notes = [*notes, NO_ROWS_NOTE]
        if result.truncated:
            notes = [*notes, f"rows cut at {len(result.rows)}: the answer's byte budget is full"]
        if result.values_truncated:
            notes = [*notes, f"{result.values_truncated} long value(s) cut"]
        return AskResponse(
            question=request.question,
            sql=done.validated.sql,
            columns=result.columns,
            types=result.types,
            rows=result.rows,
            row_count=len(result.rows),
            truncated=truncated,
            values_truncated=result.values_truncated,
            chart=chart,
            source="llm" if source == "llm" else "library",
            library_id=library_id,
            notes=[*notes, *done.validated.notes],
            timings=timings,
        )

    def answer_from_library(
        self,
        request: AskRequest,
        match: LibraryMatch,
        catalog: Catalog,
        notes: list[str],
        fallback: LibraryMatch | None = None,
    ) -> AskResponse:
        """The match's answer; when it finds nothing, the parser's reading (`fallback`) if that
        one finds rows (a place or a team the reader linked literally, "Racing Point in 2024")."""
        timings = Timings()
        done = self.execute(match.sql, catalog)
        if not done.result.rows and fallback is not None and fallback.sql != match.sql:
            other = self.execute(fallback.sql, catalog)
            if other.result.rows:
                match, done = fallback, other
        return self.respond(
            request,
            done,
            "library",
            match.title,
            None,
            timings,
            [*notes, *match.notes],
            match.entry_id,
        )

    def answer_from_model(
        self, request: AskRequest, catalog: Catalog, understood: Understanding
    ) -> AskResponse:
        return answer_from_model(self, request, catalog, understood)

    def ask(self, request: AskRequest) -> AskResponse:
        start = time.perf_counter()
        outcome, response, sql, message = "ok", None, None, None
        source: str | None = None
        try:
            response = self._ask(request)
            sql, source = response.sql, response.source
            response.timings.total_ms = ms_since(start)
            return response
        except AskFailedError as failure:
            failure.timings.total_ms = ms_since(start)
            failure.question = request.question
            outcome, sql, source = failure.code, failure.sql, failure.source
            message = failure.message
            raise
        except (WarehouseMissingError, WarehouseUnreadableError) as broken:
            code = typed_error(broken)[1]
            outcome, message = code, str(broken)
            raise AskFailedError(code, message, question=request.question) from broken
        except Exception as error:  # a bug, never a bare 500: logged, typed, audited
            log.exception("unexpected error answering %r", request.question)
            outcome, message = "internal_error", f"internal error ({type(error).__name__})"
            raise AskFailedError("internal_error", message, question=request.question) from error
        finally:
            self.record(request, outcome, source, sql, message, response, start)

    def record(
        self,
        request: AskRequest,
        outcome: str,
        source: str | None,
        sql: str | None,
        message: str | None,
        response: AskResponse | None,
        start: float,
    ) -> None:
        """Metrics and the audit line; their failure never changes the answer."""
        try:
            record_answer(source, outcome)
            self.audit.record(
                question=request.question,
                season=request.season,
                event=request.event,
                session=request.session,
                sql=sql,
                outcome=outcome,
                message=message,
                source=source,
                library_id=response.library_id if response else None,
                row_count=response.row_count if response else None,
                timings=(response.timings.model_dump() if response else None),
                total_ms=ms_since(start),
            )
        except Exception:
            log.exception("audit of %r failed", request.question[:200])

    def load_catalog(self) -> Catalog:
        """The served catalog; a file DuckDB cannot read raises WarehouseUnreadableError."""
        try:
            return self.catalog.get()
        except WarehouseMissingError:
            raise
        except (duckdb.Error, OSError) as broken:
            raise WarehouseUnreadableError(self.catalog.warehouse, str(broken)) from broken

    def _ask(self, request: AskRequest) -> AskResponse:
        catalog = self.load_catalog()
        understood = semantic_first(
            self.semantic, request, self.library.understand(request, catalog.dimensions)
        )
        match = understood.match
        if understood.clarify is not None:
            raise AskFailedError(
                "ambiguous",
                understood.clarify,
                notes=[f"candidate: {c}" for c in understood.candidates],
            )
        try:
            if time.monotonic() < self._down_until:
                raise ModelUnavailableError(self._down_reason)
            return self.answer_from_model(request, catalog, understood)
        except ModelUnavailableError as down:
            if time.monotonic() >= self._down_until:  # remember, so the next asks do not wait
                self._down_until = time.monotonic() + self.model_retry_s
                self._down_reason = str(down)
            if match is None:
                tries = list(understood.suggestions) or ["Who won the 2024 Spanish Grand Prix?"]
                raise AskFailedError(
                    "needs_llm",
                    "This question needs the language model, which is unavailable "
                    f"({down}). Questions the library can answer: " + " | ".join(tries),
                    notes=[f"suggestion: {q}" for q in tries],
                ) from down
            note = "language model unavailable: answered from the query library"
            return self.run_library(request, match, catalog, note, understood.fallback)
        except AskFailedError as failure:
            if match is None or failure.code in ("timeout", "resource_limit"):
                raise
            note = f"model SQL unusable ({failure.code}): answered from the query library"
            return self.run_library(request, match, catalog, note, understood.fallback)

    def review(
        self, request: AskRequest, done: Executed, match: LibraryMatch | None, catalog: Catalog
    ) -> None:
        """Log (for review) a model answer that disagrees with the parser's answer."""
        if match is None:
            return
        try:
            mine = self.execute(match.sql, catalog).result
            theirs = done.result
            same = agree(theirs.columns, theirs.rows, mine.columns, mine.rows)
        except Exception:  # a review is advisory: it never fails the model's answer
            log.info("answer review skipped for %r", request.question[:200], exc_info=True)
            return
        if not same:
            record_disagreement(
                self.audit.path.with_name("disagreements.jsonl"),
                question=request.question,
                model_sql=done.validated.sql,
                library_sql=match.sql,
                library_id=match.entry_id,
                model_first_row=theirs.rows[:1],
                library_first_row=mine.rows[:1],
            )

    def run_library(
        self,
        request: AskRequest,
        match: LibraryMatch,
        catalog: Catalog,
        note: str,
        fallback: LibraryMatch | None = None,
    ) -> AskResponse:
        try:
            return self.answer_from_library(request, match, catalog, [note], fallback)
        except (SqlRejectedError, QueryFailedError) as failure:
            raise AskFailedError("query_failed", str(failure), match.sql, "library") from failure
        except QueryTimeoutError as slow:
            raise AskFailedError("timeout", str(slow), match.sql, "library") from slow
        except QueryLimitError as heavy:
            raise AskFailedError("resource_limit", str(heavy), match.sql, "library") from heavy
