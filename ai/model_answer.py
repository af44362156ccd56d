"""The model's turn of /ask: it fills the semantic layer's typed query (ai.model_fill), or writes
SQL, with up to `max_repairs` repairs; whatever it answers is compiled (a typed query, by the one
compiler of ai.semantic) or taken as SQL, then validated and run in the sandbox like any SQL.

`COPILOT_MODEL_OUTPUT`: `typed` asks every question for the typed query (SQL allowed beside it);
`sql` asks for SQL as before; `auto` (the default) asks for the typed query when the question is
the layer's kind (it names a metric of the layer, or the reader read it) and for SQL otherwise.
A failure after the repairs raises AskFailedError; the copilot then answers with the parser's
reading when it has one, and says so (ai.copilot)."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ai.ask_types import AskFailedError, Executed, ms_since
from ai.llm import ChartHint, Message, SqlModel, parse_answer
from ai.model_fill import FillContext, fill_context, fill_messages, repair_message
from ai.models import AskRequest, AskResponse, ErrorCode, Timings
from ai.prompt import first_messages, repair_messages
from ai.sandbox import QueryFailedError, QueryLimitError, QueryTimeoutError
from ai.schema_catalog import Catalog
from ai.semantic.compiler import NotCompilableError, compile_query
from ai.semantic.typed_json import query_json, read_answer
from ai.validation import SqlRejectedError

if TYPE_CHECKING:
    from ai.library import LibraryMatch, QueryLibrary, Understanding
    from ai.semantic import SemanticReader

log = logging.getLogger(__name__)


class Pipeline(Protocol):
    """What the model's turn needs of the /ask pipeline (ai.copilot.Copilot), so that this
    module does not import the pipeline that calls it."""

    model: SqlModel
    library: QueryLibrary
    semantic: SemanticReader | None
    model_hints: bool
    model_output: str
    max_repairs: int
    model_budget_s: float

    def execute(self, sql: str, catalog: Catalog) -> Executed: ...

    def review(
        self, request: AskRequest, done: Executed, match: LibraryMatch | None, catalog: Catalog
    ) -> None: ...

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
    ) -> AskResponse: ...


@dataclass(frozen=True)
class Turn:
    """One model reply read: the SQL to run, its chart hint and what to say about it."""

    sql: str
    chart: ChartHint | None = None
    note: str = ""


def complete(model: SqlModel, messages: list[Message], schema: dict[str, Any] | None) -> str:
    """The model's reply; with `schema`, constrained to it (a client without the parameter is
    asked as before)."""
    if schema is None:
        return model.complete(messages)
    return model.complete(messages, schema=schema)


def typed_context(copilot: Pipeline, request: AskRequest, num_ctx: int) -> FillContext | None:
    mode = copilot.model_output
    if mode == "sql" or copilot.semantic is None:
        return None
    if request.season or request.event or request.session:
        return None  # the request's fields narrow the parser's reading, not the layer's
    try:
        context = fill_context(copilot.semantic, request.question, copilot.model_hints, num_ctx)
    except Exception:  # the SQL prompt still works when the layer cannot be read
        log.exception("typed-query context failed for %r", request.question[:200])
        return None
    return context if mode == "typed" or context.fits else None


def read_turn(copilot: Pipeline, reply: str, context: FillContext | None) -> Turn:
    """The reply as SQL to run (ValueError when unusable: not JSON, unknown metric, ...)."""
    if context is None:
        answer = parse_answer(reply)
        return Turn(answer.sql, answer.chart)
    assert copilot.semantic is not None
    read = read_answer(reply, copilot.semantic.layer, context.allowed)
    if isinstance(read, str):
        try:
            chart = parse_answer(reply).chart  # a chart suggested beside the SQL is kept
        except ValueError:
            chart = None
        return Turn(read, chart)
    try:
        sql = compile_query(read, copilot.semantic.layer)
    except NotCompilableError as unfit:
        raise ValueError(f"the typed query does not compile: {unfit}") from unfit
    return Turn(sql, note="the model's typed query: " + json.dumps(query_json(read)))


def answer_from_model(
    copilot: Pipeline, request: AskRequest, catalog: Catalog, understood: Understanding
) -> AskResponse:
    timings = Timings()
    num_ctx = int(getattr(copilot.model, "num_ctx", 8192))
    hints = understood if copilot.model_hints else None
    context = typed_context(copilot, request, num_ctx)
    if context is not None:
        assert copilot.semantic is not None
        layer = copilot.semantic.layer
        messages = fill_messages(context, layer, request, catalog, hints, num_ctx)
    else:
        examples = copilot.library.examples(request.question, catalog.dimensions)
        messages = first_messages(catalog, request, examples, hints, num_ctx)
    schema = context.schema if context is not None else None
    code: ErrorCode = "model_output_invalid"
    error, sql, repairs = "", None, 0
    for attempt in range(copilot.max_repairs + 1):
        if attempt and timings.model_ms > copilot.model_budget_s * 1000:
            error = f"{error} (model time budget of {copilot.model_budget_s:g} s spent)"
            break
        repairs = attempt
        start = time.perf_counter()
        reply = complete(copilot.model, messages, schema)
        timings.model_ms += ms_since(start)
        try:
            turn = read_turn(copilot, reply, context)
            sql = turn.sql
            done: Executed = copilot.execute(turn.sql, catalog)
        except ValueError as failure:  # SqlRejectedError is a ValueError too
            rejected = isinstance(failure, SqlRejectedError)
            code = "rejected" if rejected else "model_output_invalid"
            error = str(failure)
        except QueryFailedError as failure:
            code, error = "query_failed", str(failure)
        except QueryTimeoutError as slow:
            raise AskFailedError("timeout", str(slow), sql, "llm", timings=timings) from slow
        except QueryLimitError as heavy:
            failed = AskFailedError("resource_limit", str(heavy), sql, "llm", timings=timings)
            raise failed from heavy
        else:
            notes = [f"answered after {attempt} repair(s)"] if attempt else []
            notes += [turn.note] if turn.note else []
            title = (turn.chart.title if turn.chart else None) or request.question[:80]
            copilot.review(request, done, understood.match, catalog)
            return copilot.respond(request, done, "llm", title, turn.chart, timings, notes, None)
        log.info("model attempt %d failed: %s", attempt + 1, error)
        repair = repair_message if context is not None else repair_messages
        messages = [*messages, *repair(reply, error)]
    what = "typed query or SQL" if context is not None else "SQL"
    raise AskFailedError(
        code,
        f"no usable {what} after {repairs} repair(s): {error}",
        sql,
        "llm",
        timings=timings,
    )
