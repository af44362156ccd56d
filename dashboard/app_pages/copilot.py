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
ANSWER_KEY, QUESTION_KEY = "copilot_answer", "copilot_question"


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
    shown = format_ms_columns(frame)
    shown.columns = [title_case_column(str(c)) for c in shown.columns]
    st.dataframe(shown, hide_index=True, width="stretch")
    more = " (row cap reached — ask a narrower question)" if answer.truncated else ""
    total = answer.timings.get("total_ms", 0.0)
    st.caption(f"{answer.row_count} rows{more} · answered in {total:.0f} ms")
    for note in answer.notes:
        st.caption(f":material/info: {note}")
    with st.expander("SQL", expanded=False):
        st.code(answer.sql, language="sql")


def show_problem(problem: CopilotProblem) -> None:
    if problem.copilot_down:
        st.warning(problem.message, icon=":material/power_off:")
        return
    st.error(
        f"**No answer** ({problem.kind.replace('_', ' ')}): {problem.message}",
        icon=":material/error:",
    )
    for note in problem.notes:
        st.caption(f":material/info: {note}")
    if problem.sql:
        with st.expander("SQL that was refused or failed"):
            st.code(problem.sql, language="sql")


def ask_form(selection: ui.Selection | None) -> None:
    st.caption("Try:")
    cols = st.columns(len(EXAMPLES))
    for col, example in zip(cols, EXAMPLES, strict=True):
        if col.button(example, width="stretch"):
            st.session_state[QUESTION_KEY] = example
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
