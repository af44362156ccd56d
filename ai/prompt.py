"""The messages sent to the model, linked to the question and kept within a token budget.

The system prompt holds the rules, only the tables (and their columns) the question needs, real
dimension values only for the entities the parser resolved or found close to the question, the
parser's hints and SQL when it has one, and few-shot examples chosen by similarity. Budget: at
most half of the model's context window (`num_ctx`), estimated conservatively at 3 characters a
token (English and SQL average about 4); the rules and the question always fit first, then the
parts in order of usefulness until the budget is spent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ai.llm import Message
from ai.models import AskRequest
from ai.schema_catalog import Catalog, TableInfo

if TYPE_CHECKING:
    from ai.library import Understanding

CHARS_PER_TOKEN = 3  # conservative: real tokenisers give ~4 characters per token here
RULES = """You translate questions about Formula 1 into ONE DuckDB SQL query.
Rules:
- Answer with JSON only: {"sql": "SELECT ... FROM gold.... WHERE ...", "chart": {"type":
  "bar|line|scatter|table", "x": "column", "y": "column", "color": null, "title": "short title"}}.
- One read-only SELECT (WITH and UNION allowed). Never write, create, copy, attach, install,
  load, pragma, set or call anything; never use table functions or read files.
- Use only the tables below, always qualified with their schema (gold.fct_results, ...).
  Prefer gold tables. Filter with the real values listed below (exact spelling).
- Keys: season INTEGER (year), round INTEGER (1 = first Grand Prix), session_code in
  (FP1 FP2 FP3 SQ SS S Q R), event_id 'YYYY-RR' (e.g. '2024-10'), session_id 'YYYY-RR-CODE'
  (e.g. '2024-10-Q'), driver_code (e.g. 'VER'); times are milliseconds (*_ms).
- The race is session_code 'R', qualifying 'Q', sprint 'S'.
- One model of F1 since 1950: every fact is keyed by the Ergast refs driver_ref ('hamilton')
  and constructor_ref ('ferrari'); group drivers by driver_ref (codes repeat and are missing
  before the 2000s). F1 rules are columns of gold.fct_results: is_start, is_winner,
  is_podium, is_pole, has_fastest_lap, is_dnf, is_disqualified, finish_position (classified).
  Standings after every round: gold.fct_driver_standings, gold.fct_constructor_standings
  (points, position); qualifying: gold.fct_qualifying; careers: gold.driver_career,
  gold.constructor_career; titles: gold.season_champions.
- Return at most a few hundred rows; order results meaningfully."""
TABLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"won|win|podium|position|finish|result|grid|points?|retire|dnf|classif|beat|ahead|p\d|"
        r"champion|gained|laps completed",
        ("fct_results",),
    ),
    (r"lap|sector|speed|fastest|quickest|best time", ("driver_session_summary", "fct_laps")),
    (r"pit|stop", ("fct_pit_stops",)),
    (r"tyre|tire|stint|compound|strateg|degrad", ("fct_stints",)),
    (r"weather|temp|rain|wet|humid|wind|pressure|hot|cold", ("session_weather_summary",)),
    (
        r"standing|championship|leader|title|points",
        ("fct_driver_standings", "fct_constructor_standings"),
    ),
    (r"qualif|pole|q1|q2|q3", ("fct_qualifying",)),
    (r"team ?-?mate|head to head|h2h", ("teammate_head_to_head",)),
    (r"team|constructor", ("team_event_summary", "dim_teams")),
    (r"race control|flag|safety car|penalt", ("stg_race_control",)),
    (
        r"champion|title|career|all time|ever|record|most|since 19|19[5-9]\d",
        ("season_champions", "driver_career", "constructor_career", "circuit_history"),
    ),
)
ALWAYS = ("dim_events", "dim_sessions", "dim_drivers")


def estimate_tokens(text: str) -> int:
    return -(-len(text) // CHARS_PER_TOKEN)


def budget_tokens(num_ctx: int) -> int:
    return num_ctx // 2


def linked_tables(catalog: Catalog, question: str, parser_sql: str | None) -> list[TableInfo]:
    """Tables the question needs: the ones the parser's SQL reads, then by keywords."""
    text = question.lower()
    wanted: list[str] = []
    if parser_sql:
        wanted += re.findall(r"\b(?:gold|silver)\.(\w+)", parser_sql)
    for pattern, names in TABLE_WORDS:
        if re.search(pattern, text):
            wanted += names
    wanted += ALWAYS
    if len(set(wanted)) == len(ALWAYS):
        wanted.insert(0, "fct_results")
    by_name = {t.name: t for t in catalog.tables}
    ordered = list(dict.fromkeys(w for w in wanted if w in by_name))
    return [by_name[n] for n in ordered]


def table_ddl(table: TableInfo, described: bool) -> str:
    cols = []
    for c in table.columns:
        note = f" -- {c.description[:80]}" if described and c.description else ""
        cols.append(f"  {c.name} {c.type}{note}")
    head = f"-- {table.description[:160]}\n" if described and table.description else ""
    return f"{head}CREATE TABLE {table.qualified} (\n" + ",\n".join(cols) + "\n);"


def values_text(catalog: Catalog, question: str, understanding: Understanding | None) -> str:
    """Real values of the resolved entities, else the few closest to the question."""
    dims = catalog.dimensions
    found = understanding.entities if understanding else None
    lines = [f"Seasons: {dims.seasons[0]}-{dims.seasons[-1]}" if dims.seasons else "Seasons: none"]
    events = list(found.events) if found and found.events else []
    if not events and dims.events:
        names = {f"{e.event_name} {e.season}": e for e in dims.events}
        events = [
            names[n]
            for n, _, _ in process.extract(
                question, list(names), scorer=fuzz.token_set_ratio, limit=4
            )
        ]
    by_season: dict[int, list[str]] = {}
    for e in sorted(events, key=lambda e: (e.season, e.round)):
        short = e.event_name.removesuffix(" Grand Prix")
        by_season.setdefault(e.season, []).append(f"{e.round:02d} {short}")
    lines.append("Events (event_id = season-round, names without ' Grand Prix'):")
    lines += [f"  {season}: {', '.join(names)}" for season, names in by_season.items()]
    drivers = list(found.drivers) if found and found.drivers else []
    if not drivers and dims.drivers:
        names_d = {d.full_name: d for d in dims.drivers}
        drivers = [
            names_d[n]
            for n, _, _ in process.extract(question, list(names_d), scorer=fuzz.WRatio, limit=4)
        ]
    lines.append("Drivers: " + ", ".join(f"{d.code}={d.full_name}" for d in drivers))
    if found and found.teams:
        lines.append("Teams: " + ", ".join(found.teams))
    return "\n".join(lines)


def system_message(
    catalog: Catalog,
    examples: Sequence[tuple[str, str]],
    question: str = "",
    understanding: Understanding | None = None,
    budget: int = 4096,
) -> str:
    parser_sql = understanding.match.sql if understanding and understanding.match else None
    parts = [RULES]
    hints = understanding.hints() if understanding else []
    if hints:
        parts.append("## Parser hints (resolved from the question)\n" + "\n".join(hints))
    if parser_sql:
        parts.append(
            f"## Parser SQL (check it; improve it if the question asks more)\n{parser_sql}"
        )
    parts.append("## Real values\n" + values_text(catalog, question, understanding))
    tables = linked_tables(catalog, question, parser_sql)
    beside_question = estimate_tokens(parser_sql) + 16 if parser_sql else 0  # user_message
    used = sum(estimate_tokens(p) for p in parts) + estimate_tokens(question) + 64 + beside_question
    ddl: list[str] = []
    for described in (True, False):
        ddl = [table_ddl(t, described) for t in tables]
        while ddl and used + estimate_tokens("\n".join(ddl)) > budget:
            ddl.pop()
        if len(ddl) == len(tables):
            break
    parts.insert(1, "## Tables\n" + "\n".join(ddl))
    used += estimate_tokens(parts[1])
    for q, sql in examples:
        shot = f"Question: {q}\nSQL: {sql}"
        if used + estimate_tokens(shot) + 8 > budget:
            break
        if "## Examples" not in parts[-1]:
            parts.append("## Examples")
        parts[-1] += f"\n{shot}"
        used += estimate_tokens(shot) + 2
    return "\n\n".join(parts)


def user_message(request: AskRequest, parser_sql: str | None = None) -> str:
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
    if parser_sql:  # next to the question, where a small model still sees it
        suffix += f"\nThe parser's SQL for it (use it if it answers the question):\n{parser_sql}"
    return f"{request.question}{suffix}"


def first_messages(
    catalog: Catalog,
    request: AskRequest,
    examples: Sequence[tuple[str, str]],
    understanding: Understanding | None = None,
    num_ctx: int = 8192,
) -> list[Message]:
    system = system_message(
        catalog, examples, request.question, understanding, budget_tokens(num_ctx)
    )
    parser_sql = understanding.match.sql if understanding and understanding.match else None
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": user_message(request, parser_sql)},
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
