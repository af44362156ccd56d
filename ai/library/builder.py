"""The one typed SQL builder of the question parser: a `Query` (table, columns, typed conditions,
grouping, order, limit) rendered to DuckDB SQL over the served gold tables. Values only enter the
SQL as typed literals; the SQL is validated like any model SQL before it runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from f1lake.sessions import RACE

Value = int | float | str | tuple[int | str, ...]


def lit(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(lit(v) for v in value) + ")"
    return "'" + str(value).replace("'", "''") + "'"


@dataclass(frozen=True)
class Cond:
    """`column op value`; op is one of = <= >= < > in, not in, between, is (not) null, true;
    `sub` compares with a subquery."""

    column: str
    op: str
    value: Value | None = None
    sub: Query | None = None

    def sql(self) -> str:
        if self.sub is not None:
            return f"{self.column} {self.op} ({self.sub.sql()})"
        if self.op == "between":
            assert isinstance(self.value, tuple)
            return f"{self.column} between {lit(self.value[0])} and {lit(self.value[1])}"
        if self.op in ("is null", "is not null", "true"):
            return f"{self.column} {self.op}" if self.op != "true" else self.column
        assert self.value is not None
        if self.op == "in" and isinstance(self.value, tuple) and len(self.value) == 1:
            return f"{self.column} = {lit(self.value[0])}"
        return f"{self.column} {self.op} {lit(self.value)}"


@dataclass(frozen=True)
class Query:
    table: str
    columns: tuple[str, ...]
    where: tuple[Cond, ...] = ()
    joins: tuple[str, ...] = ()
    group_by: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ()
    limit: int | None = None

    def sql(self) -> str:
        parts = [f"select {', '.join(self.columns)} from {self.table}", *self.joins]
        if self.where:
            parts.append("where " + " and ".join(c.sql() for c in self.where))
        if self.group_by:
            parts.append("group by " + ", ".join(self.group_by))
        if self.order_by:
            parts.append("order by " + ", ".join(self.order_by))
        if self.limit is not None:
            parts.append(f"limit {int(self.limit)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Scope:
    """Where a question applies: one session (event + code), or seasons (None = all)."""

    event_id: str | None = None
    event_name: str = ""
    season: int | None = None
    session_code: str = RACE
    session_codes: tuple[str, ...] = (RACE,)
    seasons: tuple[int, int] | None = None
    drivers: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    driver_refs: tuple[str, ...] = ()  # Ergast references (history marts)
    event_ids: tuple[str, ...] = ()  # every edition of the event (circuit records)

    @property
    def session_id(self) -> str:
        return f"{self.event_id}-{self.session_code}"

    def season_conds(self, column: str = "season") -> tuple[Cond, ...]:
        if self.seasons is None:
            return ()
        lo, hi = self.seasons
        return (Cond(column, "=", lo),) if lo == hi else (Cond(column, "between", (lo, hi)),)

    def driver_cond(self, column: str = "driver_code") -> tuple[Cond, ...]:
        if self.driver_refs and "" in self.drivers:  # a driver from before Fast-F1's codes
            return (Cond(column.replace("driver_code", "driver_ref"), "in", self.driver_refs),)
        return (Cond(column, "in", self.drivers),) if self.drivers else ()

    def team_cond(self, column: str = "team_name") -> tuple[Cond, ...]:
        return (Cond(column, "in", self.teams),) if self.teams else ()


@dataclass(frozen=True)
class Plan:
    """A built answer: the library entry id, a chart title and the query."""

    entry_id: str
    title: str
    query: Query
