"""Streamlit entry point: `streamlit run dashboard/app.py` (use `python -m dashboard serve`).

Renders the shared sidebar (season → event → session) once per run, stores the selection for
the pages, then runs the page chosen in the navigation.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `streamlit run` puts only dashboard/ on sys.path
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard import queries, ui  # noqa: E402
from dashboard.settings import DashboardSettings  # noqa: E402
from f1lake.logging_setup import configure_logging  # noqa: E402
from f1lake.warehouse import WarehouseMissingError  # noqa: E402

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(
    page_title="F1 Lakehouse",
    page_icon=":material/sports_motorsports:",
    layout="wide",
    initial_sidebar_state="expanded",
)


@st.cache_resource
def setup_logging_once() -> bool:
    """Logging is configured once per server process (cache_resource holds no connection)."""
    configure_logging(DashboardSettings().log_level)
    return True


setup_logging_once()

navigation = st.navigation(
    [
        st.Page(PAGES_DIR / "overview.py", title="Overview", icon=":material/flag:", default=True),
        st.Page(PAGES_DIR / "race.py", title="Race", icon=":material/timeline:"),
        st.Page(PAGES_DIR / "compare.py", title="Compare", icon=":material/compare_arrows:"),
        st.Page(PAGES_DIR / "season.py", title="Season", icon=":material/emoji_events:"),
        st.Page(PAGES_DIR / "history.py", title="History", icon=":material/history:"),
        st.Page(PAGES_DIR / "predictions.py", title="Predictions", icon=":material/insights:"),
        st.Page(PAGES_DIR / "copilot.py", title="AI Copilot", icon=":material/smart_toy:"),
    ]
)
st.sidebar.markdown("## :material/sports_motorsports: F1 Lakehouse")


def sidebar() -> None:
    st.session_state["selection"] = None
    try:
        key = queries.warehouse_key()
    except WarehouseMissingError:
        st.sidebar.caption("No warehouse yet — run `make ingest` then `make gold`.")
        return
    selection = ui.sidebar_filters(key)
    st.session_state["selection"] = selection
    ui.sidebar_footer(key)


ui.run_guarded(sidebar)
navigation.run()
