"""The typed query of a catalog question (ai.semantic.catalog_read) and its compilation to DuckDB
SQL over the conformed dimensions, with the race results (gold.fct_results, races only) or the
pit stops as the facts that tie an entity to the races it took part in. Values enter the SQL as
typed literals only; the SQL is validated like any other before it runs."""

from __future__ import annotations

from dataclasses import dataclass

from ai.semantic.catalog_layer import Catalog, CatalogEntity
from ai.semantic.conditions import lit, one_of
from f1lake.sessions import RACE

LIST_CAP = 1000  # the copilot's row cap: a list is answered whole


@dataclass(frozen=True)
class Scope:
    """Races (and the drivers/constructors in them) a question restricts to, all together."""

    event_names: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    circuits: tuple[str, ...] = ()  # circuit_ref
    events: tuple[str, ...] = ()  # event_id
    years: tuple[int, int] | None = None
    drivers: tuple[str, ...] = ()  # driver_ref
    constructors: tuple[str, ...] = ()  # constructor_ref

    def is_empty(self) -> bool:
        return self == Scope()


@dataclass(frozen=True)
class Threshold:
    measure: str
    op: str  # one of > >= < <= =
    value: int


@dataclass(frozen=True)
class CatalogQuery:
    """`scopes`: the subject took part in races of each (`excluded`: in none of them);
    `equals`: the subject's own columns; `group`: a column counted per; `aggregate`: (avg, max,
    min or sum, a value of the facts); `measure`: ranked (`order` "measure") or projected."""

    subject: str
    columns: tuple[str, ...] = ()
    equals: tuple[tuple[str, tuple[str, ...]], ...] = ()
    born: tuple[int, int] | None = None
    scopes: tuple[Scope, ...] = ()
    excluded: tuple[Scope, ...] = ()
    count: bool = False
    group: str = ""
    aggregate: tuple[str, str] | None = None
    measure: str = ""
    having: tuple[Threshold, ...] = ()
    order: tuple[str, bool] | None = None  # (column name or "measure", descending)
    limit: int | None = None
    standings: tuple[tuple[str, str, int], ...] = ()  # one row of the championship standings
    distinct: str = ""  # a column counted ("how many nationalities") instead of the entity

    @property
    def explicit(self) -> bool:
        """Asked in the catalog's own terms (columns named, an entity counted, a column filter or
        order): read here before the metric reader ("how many races were held in 2005")."""
        own = any(column != "reference" for column, _ in self.equals)
        ordered = self.order is not None and self.order[0] != "measure"
        counted = self.count and not self.measure
        named = bool(self.columns or self.group or self.standings or self.born or self.excluded)
        named = named or self.aggregate is not None
        places = self.subject in ("race", "circuit") and not (self.measure or self.having)
        return named or own or ordered or counted or places


def race_conds(scope: Scope, alias: str) -> list[str]:
    conds = []
    for column, values in (
        ("event_name", scope.event_names),
        ("country", scope.countries),
        ("circuit_ref", scope.circuits),
        ("event_id", scope.events),
    ):
        if values:
            conds.append(one_of(f"{alias}.{column}", values))
    if scope.years is not None:
        lo, hi = scope.years
        conds.append(f"{alias}.season between {lo} and {hi}")
    return conds


def fact_conds(scope: Scope) -> list[str]:
    conds = [f"r.session_code = '{RACE}'", *race_conds(scope, "e")]
    if scope.drivers:
        conds.append(one_of("r.driver_ref", scope.drivers))
    if scope.constructors:
        conds.append(one_of("r.constructor_ref", scope.constructors))
    return conds


def facts_of(table: str, scope: Scope, select: str) -> str:
    where = " and ".join(fact_conds(scope))
    return (
        f"select {select} from {table} as r inner join gold.dim_events as e "
        f"on e.event_id = r.event_id where {where}"
    )


def races_key(entity: CatalogEntity) -> str:
    return entity.races_key or "e.event_id"


def scope_cond(entity: CatalogEntity, scope: Scope, table: str = "gold.fct_results") -> str:
    return f"s.{entity.key} in ({facts_of(table, scope, races_key(entity))})"


def subject_conds(query: CatalogQuery, catalog: Catalog) -> list[str]:
    entity = catalog.entities[query.subject]
    conds = [entity.held] if entity.held else []
    for column, values in query.equals:
        expr = entity.columns[column].expr if column in entity.columns else column
        typed = tuple(int(v) for v in values) if column == "id" else values
        conds.append(one_of(f"s.{expr}", typed))
    if query.born is not None and entity.born:
        lo, hi = query.born
        conds.append(f"year(s.{entity.columns[entity.born].expr}) between {lo} and {hi}")
    for scope in query.scopes:
        conds.append(scope_cond(entity, scope))
    for scope in query.excluded:
        conds.append("not " + scope_cond(entity, scope))
    if query.standings:
        rows = [f"t.{column} {op} {lit(value)}" for column, op, value in query.standings]
        scope = query.scopes[0] if query.scopes else Scope()
        if scope.years is not None:
            rows.append(f"t.season between {scope.years[0]} and {scope.years[1]}")
        where = " and ".join(rows)
        conds.append(
            f"s.{entity.key} in (select t.{entity.key} from {entity.standings} as t where {where})"
        )
    return conds


def measured(query: CatalogQuery, catalog: Catalog) -> str:
    """The join of the measure per subject row over the question's first scope."""
    entity = catalog.entities[query.subject]
    names = {query.measure, *(t.measure for t in query.having)} - {""}
    scope = query.scopes[0] if len(query.scopes) == 1 else Scope()
    joins = []
    for name in sorted(names):
        measure = catalog.measures[name]
        select = f"{races_key(entity)} as k, {measure.expr} as v"
        sub = facts_of(measure.facts, scope, select) + " group by 1"
        joins.append(f" inner join ({sub}) as m_{name} on m_{name}.k = s.{entity.key}")
    return "".join(joins)


def compile_catalog(query: CatalogQuery, catalog: Catalog) -> str:
    entity = catalog.entities[query.subject]
    if query.aggregate is not None:
        return compile_aggregate(query, catalog)
    source = f"{entity.table} as s" + measured(query, catalog)
    conds = subject_conds(query, catalog)
    conds += [f"m_{t.measure}.v {t.op} {lit(t.value)}" for t in query.having]
    where = (" where " + " and ".join(conds)) if conds else ""
    if query.count and query.group:
        column = entity.columns[query.group]
        return (
            f"select s.{column.expr} as {column.name}, count(distinct s.{entity.key}) as "
            f"{entity.name}s from {source}{where} group by 1 order by 2 desc, 1 limit {LIST_CAP}"
        )
    if query.count and query.distinct:
        counted = entity.columns[query.distinct]
        return (
            f"select count(distinct s.{counted.expr}) as {counted.name}_count from {source}{where}"
        )
    if query.count:
        return f"select count(distinct s.{entity.key}) as {entity.name}s from {source}{where}"
    columns = list(query.columns or (entity.label,))
    if query.order and query.order[0] not in columns and query.order[0] != "measure":
        columns.append(query.order[0])
    select = [f"s.{entity.columns[c].expr} as {c}" for c in columns]
    select += [
        f"m_{m}.v as {m}"
        for m in sorted({query.measure, *(t.measure for t in query.having)} - {""})
    ]
    sql = f"select distinct {', '.join(select)} from {source}{where}"
    if query.order:
        name, descending = query.order
        target = query.measure if name == "measure" else name
        sql += f" order by {target} {'desc' if descending else 'asc'} nulls last"
    return sql + f" limit {int(query.limit or LIST_CAP)}"


def compile_aggregate(query: CatalogQuery, catalog: Catalog) -> str:
    """avg/max/min/sum of a fact value over the question's races and subject rows."""
    assert query.aggregate is not None
    function, name = query.aggregate
    value = catalog.values[name]
    entity = catalog.entities[query.subject]
    scope = query.scopes[0] if query.scopes else Scope()
    sql = facts_of(value.facts, scope, f"round({function}({value.expr}), 3) as {function}_{name}")
    if entity.races_key and (query.equals or query.born):
        rows = CatalogQuery(entity.name, equals=query.equals, born=query.born)
        inner = " and ".join(subject_conds(rows, catalog))
        rows_sql = f"select s.{entity.key} from {entity.table} as s where {inner}"
        sql += f" and {entity.races_key} in ({rows_sql})"
    return sql
