"""The query library: parameterised F1 questions with their SQL over the served gold tables.

Placeholders are filled with SQL literals of values matched in the warehouse's own dimensions:
{season} {round} {event_id} {session_id} {session_code} {d1} {d2} (driver codes) {team}.
`needs` names what a question must mention: event, season, driver, two_drivers, team; `no_event`
and `no_driver` keep season-wide entries from catching event or driver questions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    triggers: str
    needs: frozenset[str]
    sql: str
    example: str
    session: str | None = None  # default session code for event questions


def t(id_: str, title: str, triggers: str, needs: str, sql: str, example: str,
      session: str | None = None) -> Template:  # fmt: skip
    return Template(id_, title, triggers, frozenset(needs.split()), " ".join(sql.split()),
                    example, session)  # fmt: skip
