"""The model's probabilities for a race (gold.fct_predictions, written by `python -m ml predict`
and served by the next build): "who is favourite for …", "who will win …", "predicted podium …".
"""

from __future__ import annotations

from ai.library.builder import Cond, Plan, Query
from ai.library.intents import Intent

TABLE = "gold.fct_predictions"
COLUMNS = (
    "predicted_win_rank",
    "driver_code",
    "driver_full_name",
    "constructor_name",
    "p_win",
    "p_podium",
    "p_top10",
    "p_dnf",
    "is_race_run",
    "actual_finish_position",
    "race_name",
    "season",
    "round",
)
LIMITS = {"podium": 3, "top10": 10}
TITLES = {"win": "Win", "podium": "Podium", "top10": "Top 10", "dnf": "DNF"}


def prediction_plan(
    intent: Intent, event_ids: tuple[str, ...], drivers: tuple[str, ...], tables: frozenset[str]
) -> Plan | None:
    """The latest predicted race among `event_ids` (every predicted race when empty), its
    drivers ranked by the asked target's probability (the favourite to win first by default)."""
    if "fct_predictions" not in tables:
        return None
    target = intent.measure if intent.measure in TITLES else "win"
    races = (Cond("event_id", "in", event_ids),) if event_ids else ()
    latest = Query(TABLE, ("max(event_id)",), races)
    where = (
        Cond("event_id", "=", sub=latest),
        *((Cond("driver_code", "in", drivers),) if drivers else ()),
    )
    query = Query(
        TABLE,
        COLUMNS,
        where,
        order_by=(*dict.fromkeys((f"p_{target} desc", "p_win desc")), "driver_code"),
        limit=None if drivers else LIMITS.get(target),
    )
    entry_id = "race_favourite" if target == "win" else "race_prediction"
    return Plan(entry_id, f"Predicted {TITLES[target].lower()} probability", query)
