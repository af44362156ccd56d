"""Evaluation of the copilot on the project's own question set (benchmarks/copilot_eval_set.py,
copilot_eval_more.py): >= 200 questions the way fans ask them, answers computed from Fast-F1 and
the Ergast CSVs (never from the warehouse), asked through the real /ask API.

    EXTERNAL_DATA_ROOT=/path/to/root .venv/bin/python benchmarks/copilot_eval.py
    ... benchmarks/copilot_eval.py --model llama3.2:3b   # also against a live Ollama
    ... benchmarks/copilot_eval.py --provider openai --base-url http://127.0.0.1:8080 \
            --model smollm2-135m                         # any OpenAI-compatible server

Besides the project's own set it scores the Spider benchmark's formula_1 questions
(evaluation/spider.py: expected answers from Spider's gold SQL run on the Ergast CSVs, judged by
../shared/tools/answer_judge.py). With a model, each set runs with the parser's hints in the
prompt and without them, and the latency of every answer is printed.

Library mode runs with the model switched off (the parser and builder answer); with --model the
same questions go to Ollama first when it is reachable. Prints accuracy per intent and per source
(fastf1 / ergast) for each mode, and the failures with --show-failures.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient

from ai.library.history_plans import HISTORY_TABLES
from ai.llm import NoModel, OllamaModel, SqlModel
from ai.main import create_app
from ai.schema_catalog import CatalogCache
from ai.settings import CopilotSettings
from benchmarks.copilot_eval_history import history_items
from benchmarks.copilot_eval_seasons import all_items
from benchmarks.copilot_eval_set import Item
from benchmarks.copilot_eval_truth import SHARED, ErgastTruth, FastF1Truth
from evaluation.fans.run import answer_source, percentile
from evaluation.spider import SpiderItem, answer_judge, load_items

TARGET = 0.95


@cache
def names_by_code() -> dict[str, set[str]]:
    """Ergast drivers.csv: a driver code -> the full names of the drivers who raced under it (the
    semantic layer answers with names, the parser with codes: either is the driver)."""
    out: dict[str, set[str]] = defaultdict(set)
    with (SHARED / "ergast" / "tracinginsights-racedata" / "drivers.csv").open() as f:
        for row in csv.DictReader(f):
            if row.get("code") and row["code"] != "\\N":
                name = f"{row['forename']} {row['surname']}"
                out[row["code"]] |= {
                    name,
                    unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode(),
                }
    return out


def same_driver(cell: Any, code: Any) -> bool:
    return isinstance(cell, str) and isinstance(code, str) and cell in names_by_code().get(code, ())


def close(a: Any, b: Any) -> bool:
    if same_driver(a, b):
        return True
    if isinstance(b, bool) or isinstance(a, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(b, int | float) and isinstance(a, int | float):
        return abs(float(a) - float(b)) <= max(0.051, abs(float(b)) * 1e-6)
    return str(a) == str(b)


def check(item: Item, expected: Any, status: int, body: dict[str, Any]) -> bool:
    if item.kind == "clarify":
        message = str(body.get("message", "")).lower()
        return status == 409 and all(str(c).lower() in message for c in expected)
    if status != 200:
        return False
    rows = body["rows"]
    if item.kind == "rows":
        return len(rows) == expected
    if not rows:
        return False
    columns = [[row[i] for row in rows] for i in range(len(body["columns"]))]
    if item.kind == "row":
        return all(any(close(v, e) for v in rows[0]) for e in expected)
    if item.kind == "column":
        return any(
            len(c) == len(expected) and all(close(v, e) for v, e in zip(c, expected, strict=True))
            for c in columns
        )
    return any(  # "set"
        len(set(c)) == len(set(expected)) and all(any(close(v, e) for v in c) for e in expected)
        for c in columns
    )


def evaluate(
    client: TestClient, items: list[tuple[Item, Any]], totals: list[float] | None = None
) -> list[tuple[Item, bool, str]]:
    out = []
    for item, expected in items:
        response = client.post("/ask", json={"question": item.question})
        body = response.json()
        if totals is not None and response.status_code == 200:
            totals.append(float(body["timings"]["total_ms"]))
        ok = check(item, expected, response.status_code, body)
        got = body.get("rows", [])[:2] if response.status_code == 200 else body.get("message")
        out.append((item, ok, f"expected {expected!r}, got {got!r} ({body.get('library_id')})"))
    return out


def report(console: Console, mode: str, results: list[tuple[Item, bool, str]]) -> float:
    for key in ("intent", "source"):
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for item, ok, _ in results:
            tally[getattr(item, key)][0] += ok
            tally[getattr(item, key)][1] += 1
        table = Table(title=f"{mode}: accuracy per {key}")
        for column in (key, "right", "asked", "accuracy"):
            table.add_column(column, justify="right" if column != key else "left")
        for name, (right, asked) in sorted(tally.items()):
            table.add_row(name, str(right), str(asked), f"{right / asked:.0%}")
        console.print(table)
    right = sum(ok for _, ok, _ in results)
    share = right / len(results)
    console.print(f"{mode}: {right}/{len(results)} right = {share:.1%} (target {TARGET:.0%})")
    return share


def spider_eval(
    console: Console, mode: str, client: TestClient, items: list[SpiderItem], per_answer: bool
) -> None:
    """Spider's formula_1 questions through /ask, scored by the shared answer judge."""
    judge = answer_judge()
    scored = [i for i in items if i.judge_item]
    right, latencies = 0, []
    sources: dict[str, int] = defaultdict(int)
    for item in scored:
        started = time.perf_counter()
        response = client.post("/ask", json={"question": item.question})
        latency = (time.perf_counter() - started) * 1000
        ok = bool(judge.right(item.judge_item, response.status_code, response.text))
        right += ok
        source = answer_source(response.status_code, response.json())
        sources[source] += 1
        latencies.append(latency)
        if per_answer:
            mark = "[green]✓[/green]" if ok else "[red]✗[/red]"
            console.print(f"{mark} {latency:8.0f} ms {source or '-':7} {item.question}")
    skipped = len(items) - len(scored)
    ordered = sorted(latencies) or [0.0]
    console.print(
        f"{mode}: Spider formula_1 {right}/{len(scored)} right = {right / max(len(scored), 1):.1%}"
        f" ({skipped} of {len(items)} not scorable on the Ergast CSVs); answers by source "
        f"{dict(sources)}; latency p50 {percentile(ordered, 0.5):.0f} ms, "
        f"p95 {percentile(ordered, 0.95):.0f} ms, "
        f"max {ordered[-1]:.0f} ms"
    )


def live_model(provider: str, base_url: str | None, model: str, settings: CopilotSettings) -> Any:
    if provider == "openai":
        from ai.llm_openai import OpenAICompatibleModel

        url = base_url or f"http://127.0.0.1:{settings.llm_port}"
        return OpenAICompatibleModel(
            url,
            model,
            settings.ollama_timeout_s,
            settings.llm_api_key,
            num_ctx=settings.llm_num_ctx,
        )
    url = base_url or settings.ollama_host
    return OllamaModel(url, model, settings.ollama_timeout_s, settings.ollama_num_ctx)


def main(
    model: Annotated[str | None, typer.Option(help="Also evaluate this model.")] = None,
    provider: Annotated[str, typer.Option(help="ollama or openai (any OpenAI-compatible).")] = (
        "ollama"
    ),
    base_url: Annotated[str | None, typer.Option(help="The model server's base URL.")] = None,
    cache: Annotated[Path, typer.Option(help="Fast-F1 cache the truths load from.")] = SHARED
    / "fastf1-cache"
    / "all",
    own: Annotated[bool, typer.Option(help="The project's own question set.")] = True,
    spider: Annotated[bool, typer.Option(help="Spider's formula_1 questions.")] = True,
    per_answer: Annotated[bool, typer.Option(help="Print every Spider answer's latency.")] = False,
    library: Annotated[bool, typer.Option(help="Also the library mode (no model).")] = True,
    spider_every: Annotated[
        int, typer.Option(help="Every Nth Spider question only (a slow model's sample).")
    ] = 1,
    show_failures: Annotated[bool, typer.Option(help="Print every wrong answer.")] = False,
    num_ctx: Annotated[
        int | None, typer.Option(help="The model's context window (the prompt takes half).")
    ] = None,
    model_output: Annotated[
        str | None, typer.Option(help="auto, typed or sql (COPILOT_MODEL_OUTPUT).")
    ] = None,
    hints: Annotated[
        str, typer.Option(help="With a model: both, on (with hints only) or off.")
    ] = "both",
) -> None:
    console = Console()
    settings = CopilotSettings()
    changes: dict[str, Any] = {"llm_num_ctx": num_ctx} if num_ctx else {}
    if model_output:
        changes["copilot_model_output"] = model_output
    settings = settings.model_copy(update=changes)
    items: list[tuple[Item, Any]] = []
    if own:
        items = own_items(console, settings, cache)
    spider_items = load_items()[::spider_every] if spider else []
    modes: list[tuple[str, SqlModel, bool]] = []
    if library:
        modes.append(("library", NoModel(), True))
    if model:
        live = live_model(provider, base_url, model, settings)
        health = live.health()
        if health.reachable and health.model_present:
            if hints in ("both", "on"):
                modes.append((f"model {model} with hints", live, True))
            if hints in ("both", "off"):
                modes.append((f"model {model} without hints", live, False))
        else:
            console.print(f"model {model}: not evaluated ({health.detail})")
    for mode, sql_model, hinted in modes:
        mode_settings = settings.model_copy(update={"copilot_model_hints": hinted})
        with TestClient(create_app(mode_settings, sql_model)) as client:
            if items:
                run_own(console, mode, client, items, show_failures)
            if spider_items:
                spider_eval(console, mode, client, spider_items, per_answer or mode != "library")


def own_items(console: Console, settings: CopilotSettings, cache: Path) -> list[tuple[Item, Any]]:
    with tempfile.TemporaryDirectory(prefix="copilot-eval-") as tmp:
        fastf1, ergast = FastF1Truth(cache, Path(tmp) / "fastf1"), ErgastTruth()
        tables = CatalogCache(settings.warehouse_path, Path("/nonexistent")).get().dimensions.tables
        asked = all_items() + (history_items() if tables >= HISTORY_TABLES else [])
        items, missing = [], []
        for item in asked:
            try:
                items.append((item, item.truth(fastf1, ergast)))
            except (LookupError, ValueError, AttributeError) as error:  # not in the sources
                missing.append(f"{item.question}: {type(error).__name__} {error}")
    for line in missing:
        console.print(f"[yellow]no truth in the sources, skipped:[/yellow] {line}")
    console.print(f"{len(items)} questions, {len({i.intent for i, _ in items})} intents")
    return items


def run_own(
    console: Console,
    mode: str,
    client: TestClient,
    items: list[tuple[Item, Any]],
    show_failures: bool,
) -> None:
    totals: list[float] = []
    results = evaluate(client, items, totals)
    report(console, mode, results)
    if totals:
        ordered = sorted(totals)
        p50 = ordered[len(ordered) // 2]
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        console.print(f"{mode}: /ask total_ms incl. parsing p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    if show_failures:
        for item, ok, detail in results:
            if not ok:
                console.print(f"[red]✗[/red] [{item.intent}] {item.question} — {detail}")


if __name__ == "__main__":
    typer.run(main)
