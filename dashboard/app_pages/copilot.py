"""AI Copilot: ask in plain English, get the answer table, its SQL and a chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, ui
from dashboard.copilot_client import CopilotAnswer, CopilotClient, CopilotHealth, CopilotProblem
from dashboard.formatting import format_ms_columns, title_case_column
from dashboard.settings import DashboardSettings

EXAMPLES = (
    "Who had the most podiums in 2024?",
    "Gap to pole in 2024 Spanish Grand Prix qualifying",
    "Tyre strategy in the 2018 Azerbaijan Grand Prix race",
    "Constructors' points in 2024",
)
ANSWER_KEY, QUESTION_KEY, PENDING_KEY = "copilot_answer", "copilot_question", "copilot_pending"
SUGGESTION_PREFIX = "suggestion: "
LIBRARY_LIST = " Questions the library can answer: "
NO_ROWS = (
    "No rows came back: the warehouse may not hold this data (some sessions were ingested "
    "with results only, no laps). Try another race or session, or ingest it (`make ingest`)."
)


def client() -> CopilotClient:
    settings = DashboardSettings()
    return CopilotClient(settings.ai_service_url, settings.copilot_timeout_s)


@st.cache_data(ttl=15, show_spinner=False)
def copilot_health(base_url: str) -> CopilotHealth:
    return CopilotClient(base_url).health()


def status_line(health: CopilotHealth, base_url: str) -> None:
    if not health.reachable:
        st.warning(
            f"**The AI copilot is offline** (nothing answers at {base_url}). Start it with "
            "`make copilot` — or `make serve` for both apps. Overview, Race and Compare keep "
            "working without it.",
            icon=":material/power_off:",
        )
    elif health.model_ok:
        st.success(f"Copilot online · model **{health.model}** ready", icon=":material/psychology:")
    else:
        st.info(
            f"Copilot online in **library mode**: the model ({health.model}) is not available, "
            "so questions are answered from the curated query library. "
            "Pull the model with `make ollama-pull` for free-form questions.",
            icon=":material/menu_book:",
        )


def answer_frame(answer: CopilotAnswer) -> pd.DataFrame:
    return pd.DataFrame(answer.rows, columns=answer.columns)


def show_answer(answer: CopilotAnswer) -> None:
    if answer.from_model:
        st.badge("Answered by the model", icon=":material/psychology:", color="violet")
    else:
        st.badge("Answered from the query library", icon=":material/menu_book:", color="blue")
    st.subheader(str(answer.chart.get("title") or answer.question))
    frame = answer_frame(answer)
    figure = charts.spec_chart(answer.chart, frame, with_title=False)
    if figure is not None:
        st.plotly_chart(figure, width="stretch")
    if not frame.empty:
        shown = format_ms_columns(frame)
        shown.columns = [title_case_column(str(c)) for c in shown.columns]
        st.dataframe(shown, hide_index=True, width="stretch")
    more = " (row cap reached — ask a narrower question)" if answer.truncated else ""
    total = answer.timings.get("total_ms", 0.0)
    count = f"{answer.row_count} rows" if answer.row_count else "No rows"
    st.caption(f"{count}{more} · answered in {total:.0f} ms")
    for note in answer.notes:
        st.caption(f":material/info: {plain(note)}")
    with st.expander("SQL", expanded=False):
        st.code(answer.sql, language="sql")


def show_problem(problem: CopilotProblem) -> None:
    if problem.copilot_down:
        st.warning(problem.message, icon=":material/power_off:")
        return
    message = problem.message.split(LIBRARY_LIST)[0]
    st.error(
        f"**No answer** ({problem.kind.replace('_', ' ')}): {message}", icon=":material/error:"
    )
    suggestions = [
        note.removeprefix(SUGGESTION_PREFIX)
        for note in problem.notes
        if note.startswith(SUGGESTION_PREFIX)
    ]
    if suggestions:
        st.caption("Questions the copilot can answer now — click one to ask it:")
        for index, question in enumerate(suggestions):
            st.button(question, key=f"copilot_suggestion_{index}", on_click=queue, args=(question,))
    for note in problem.notes:
        if not note.startswith(SUGGESTION_PREFIX):
            st.caption(f":material/info: {plain(note)}")
    if problem.sql:
        with st.expander("SQL that was refused or failed"):
            st.code(problem.sql, language="sql")


def plain(note: str) -> str:
    """A copilot note in a fan's words (the API's notes name warehouse columns)."""
    return NO_ROWS if note.startswith("no rows") else note


def queue(question: str) -> None:
    """A suggestion or example was clicked: put it in the box and ask it on this run."""
    st.session_state[QUESTION_KEY] = question
    st.session_state[PENDING_KEY] = question


def ask_form(selection: ui.Selection | None) -> None:
    st.caption("Try one (a click asks it):")
    cols = st.columns(len(EXAMPLES))
    for index, (col, example) in enumerate(zip(cols, EXAMPLES, strict=True)):
        col.button(
            example,
            key=f"copilot_example_{index}",
            width="stretch",
            on_click=queue,
            args=(example,),
        )
    with st.form("copilot_form", clear_on_submit=False):
        question = st.text_area(
            "Your question",
            key=QUESTION_KEY,
            placeholder="e.g. Who was fastest in 2024 Spanish Grand Prix qualifying?",
            height=80,
        )
        scoped = False
        if selection is not None:
            scoped = st.checkbox(f"Limit to the sidebar's session ({selection.title})")
        submitted = st.form_submit_button("Ask the copilot", type="primary")
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending:
        question, submitted = str(pending), True
    if not submitted:
        return
    if not question.strip():
        st.warning("Type a question first.")
        return
    season = event = session = None
    if scoped and selection is not None:
        season = int(selection.session["season"])
        event, session = selection.event_id, str(selection.session["session_code"])
    with st.spinner("Asking the copilot…"):
        st.session_state[ANSWER_KEY] = client().ask(
            question.strip(), season=season, event=event, session=session
        )


def render() -> None:
    st.title("AI Copilot")
    st.caption(
        "Ask about results, laps, tyres, pit stops, standings or weather. The copilot writes "
        "read-only SQL over the gold tables, checks it, runs it in a sandbox and suggests a chart."
    )
    base_url = DashboardSettings().ai_service_url
    status_line(copilot_health(base_url), base_url)
    ask_form(ui.current_selection())
    result = st.session_state.get(ANSWER_KEY)
    if isinstance(result, CopilotAnswer):
        show_answer(result)
    elif isinstance(result, CopilotProblem):
        show_problem(result)


ui.run_guarded(render)
