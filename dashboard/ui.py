"""Shared page plumbing: warehouse guard, empty states and the season → event → session filters."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.formatting import when
from f1lake.warehouse import WarehouseMissingError

logger = logging.getLogger(__name__)

INGEST_HINT = (
    "`make ingest SEASON=2024 ROUNDS=10 SESSIONS=Q,R` (or `make ingest F1_CACHE_FROM=<cache>` "
    "to replay a Fast-F1 cache offline), then `make gold`"
)
SEASON_KEY, EVENT_KEY, SESSION_KEY = "filter_season", "filter_event", "filter_session"


@dataclass(frozen=True)
class Selection:
    """The session chosen in the sidebar, with its dim_sessions row."""

    key: queries.WarehouseKey
    session: dict[str, Any]
    catalog: pd.DataFrame

    @property
    def session_id(self) -> str:
        return str(self.session["session_id"])

    @property
    def event_id(self) -> str:
        return str(self.session["event_id"])

    @property
    def title(self) -> str:
        s = self.session
        return f"{s['season']} {s['event_name']} · {s['session_name']}"

    @property
    def has_laps(self) -> bool:
        return bool(self.session["has_laps"])


def empty_state(headline: str, command_hint: str) -> None:
    """A friendly empty state naming the exact command to run (never a traceback)."""
    st.info(f"**{headline}**\n\n{command_hint}", icon=":material/flag:")


def no_warehouse(error: Exception) -> None:
    empty_state(
        "No warehouse yet.",
        f"{error}\n\nFirst time? Run {INGEST_HINT}, or `make demo` for everything at once.",
    )


def no_laps(selection: Selection, what: str) -> None:
    s = selection.session
    empty_state(
        f"No lap timing for {selection.title}, so there is no {what} to show.",
        "Fast-F1 has no lap data for this session in the ingested data (races after 2018 in "
        "the replayed cache carry results and weather only). Pick a session marked ● in the "
        "sidebar, or ingest this one with "
        f"`make ingest SEASON={s['season']} ROUNDS={s['round']} SESSIONS={s['session_code']}` "
        "then `make gold`.",
    )


def run_guarded(render: Callable[[], None]) -> None:
    """Run a page body; warehouse problems become an empty state instead of a traceback."""
    try:
        render()
    except WarehouseMissingError as error:
        no_warehouse(error)
    except queries.WarehouseOutdatedError as error:
        empty_state("The warehouse needs a rebuild.", str(error))
    except duckdb.Error as error:
        logger.exception("warehouse query failed")
        empty_state(
            "The warehouse could not be read just now.",
            f"It may be being rebuilt — reload in a moment. If it persists run `make gold`. "
            f"({type(error).__name__})",
        )


def season_default(catalog: pd.DataFrame) -> int:
    with_laps = catalog[catalog["has_laps"]]
    return int((with_laps if not with_laps.empty else catalog)["season"].max())


def latest_with_laps(rows: pd.DataFrame, column: str) -> Any:
    with_laps = rows[rows["has_laps"]]
    return (with_laps if not with_laps.empty else rows)[column].iloc[-1]


def reset(*keys: str) -> None:
    for name in keys:
        st.session_state.pop(name, None)


def apply_query_param(catalog: pd.DataFrame) -> None:
    """`?session=2018-04-R` selects that session on first load (shareable links)."""
    wanted = st.query_params.get("session")
    if not wanted or st.session_state.get("query_param_applied") == wanted:
        return
    st.session_state["query_param_applied"] = wanted
    match = catalog[catalog["session_id"] == wanted]
    if match.empty:
        return
    row = match.iloc[0]
    st.session_state[SEASON_KEY] = int(row["season"])
    st.session_state[EVENT_KEY] = str(row["event_id"])
    st.session_state[SESSION_KEY] = str(row["session_id"])


def choose(key: str, options: list[Any], default: Any) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def sidebar_filters(key: queries.WarehouseKey) -> Selection | None:
    """Season → event → session pickers (defaults: the latest session with lap data)."""
    catalog = queries.sessions_catalog(key)
    if catalog.empty:
        empty_state("The warehouse has no sessions yet.", f"Run {INGEST_HINT}.")
        return None
    apply_query_param(catalog)
    sidebar = st.sidebar
    sidebar.markdown("### Session")
    seasons = sorted(catalog["season"].unique().tolist(), reverse=True)
    choose(SEASON_KEY, seasons, season_default(catalog))
    season = sidebar.selectbox(
        "Season", seasons, key=SEASON_KEY, on_change=reset, args=(EVENT_KEY, SESSION_KEY)
    )
    in_season = catalog[catalog["season"] == season]
    events = in_season.drop_duplicates("event_id").sort_values("round", ascending=False)
    event_labels = {
        str(r.event_id): f"R{int(r.round):02d} · {r.event_name}"
        + ("" if in_season[in_season["event_id"] == r.event_id]["has_laps"].any() else " ○")
        for r in events.itertuples()
    }
    choose(EVENT_KEY, list(event_labels), latest_with_laps(in_season, "event_id"))
    event_id = sidebar.selectbox(
        "Event",
        list(event_labels),
        key=EVENT_KEY,
        format_func=event_labels.__getitem__,
        on_change=reset,
        args=(SESSION_KEY,),
    )
    in_event = in_season[in_season["event_id"] == event_id]
    session_labels = {
        str(r.session_id): f"{'●' if r.has_laps else '○'} {r.session_name}"
        for r in in_event.itertuples()
    }
    choose(SESSION_KEY, list(session_labels), latest_with_laps(in_event, "session_id"))
    session_id = sidebar.selectbox(
        "Session", list(session_labels), key=SESSION_KEY, format_func=session_labels.__getitem__
    )
    sidebar.caption("● lap timing · ○ results/weather only")
    st.query_params["session"] = session_id
    st.session_state["query_param_applied"] = session_id
    row = {str(k): v for k, v in catalog[catalog["session_id"] == session_id].iloc[0].items()}
    return Selection(key=key, session=row, catalog=catalog)


def sidebar_footer(key: queries.WarehouseKey) -> None:
    info = queries.build_info(key)
    if info:
        st.sidebar.caption(
            f"Data as of {when(info.get('built_at'))} · {int(info.get('sessions') or 0)} sessions, "
            f"{int(info.get('laps') or 0):,} laps ({info.get('first_season')}–"
            f"{info.get('last_season')})"
        )


def current_selection() -> Selection | None:
    """The selection app.py stored for this run (None when there is no warehouse/data)."""
    selection = st.session_state.get("selection")
    return selection if isinstance(selection, Selection) else None


def page_header(selection: Selection, subtitle: str) -> None:
    s = selection.session
    st.title(f"{s['event_name']} {s['season']}")
    location = ", ".join(str(v) for v in (s.get("location"), s.get("country")) if v)
    st.caption(f"{s['session_name']} · {location} · {when(s.get('session_start_at'))} · {subtitle}")


def open_page(subtitle: str) -> Selection | None:
    """Start a page: the warehouse must exist (else run_guarded shows the commands), a session
    must be selected; draws the header and returns the selection (None: nothing to show)."""
    queries.warehouse_key()
    selection = current_selection()
    if selection is not None:
        page_header(selection, subtitle)
    return selection


def chart_or_caption(frame: pd.DataFrame, empty_caption: str, figure: Callable[[], Any]) -> None:
    """A plotly chart of `frame` (built lazily by `figure`), or a caption when it is empty."""
    if frame.empty:
        st.caption(empty_caption)
        return
    st.plotly_chart(figure(), width="stretch")
