"""One compiler from a typed query to DuckDB SQL over the conformed gold marts.

Each metric is one CTE over its source (the layer's default filters, then the query's filters),
grouped by the keys of the query's grain; several metrics are joined on those keys; labels are
read from the entities' dimensions; the first metric orders the rows. Values only enter the SQL
as typed literals, and the SQL is validated like any model SQL before it runs. A filter or a
grouping the metric's source cannot carry raises `NotCompilableError` (the question goes elsewhere).
"""

from __future__ import annotations

from dataclasses import replace

from ai.semantic.conditions import NotCompilableError, filter_conds, lit
from ai.semantic.layer import Entity, Layer, Metric
from ai.semantic.query import Filters, TypedQuery

LIST_CAP = 50  # a list answer without a named size


def key_column(metric: Metric, entity: Entity) -> tuple[str, str]:
    """(the key's expression in the metric's CTE, a join it needs or '')."""
    if entity.key in metric.source.keys:
        return f"f.{entity.key}", ""
    if entity.via and entity.via_on in metric.source.keys:
        alias = f"v_{entity.name}"
        join = f"inner join {entity.via} as {alias} on {alias}.{entity.via_on} = f.{entity.via_on}"
        return f"v_{entity.name}.{entity.key}", join
    raise NotCompilableError(f"{metric.name} cannot be grouped by {entity.name}")


def metric_cte(metric: Metric, grain: list[Entity], filters: Filters) -> str:
    keys, joins = [], []
    for entity in grain:
        column, join = key_column(metric, entity)
        keys.append(f"{column} as {entity.key}")
        joins += [join] if join else []
    select = ", ".join([*keys, f"{metric.expr} as {metric.name}"])
    sql = f"select {select} from {metric.source.sql} as f"
    sql += "".join(f" {j}" for j in joins)
    conds = filter_conds(metric, filters)
    conds += [f"{k.split(' as ')[0]} is not null" for k in keys]  # a group is never "nobody"
    holders = {e.key for e in grain} | filtered_keys(filters)
    if metric.source.holder and not holders & {"driver_ref", "constructor_ref"}:
        conds.append(f"f.{metric.source.holder} is not null")  # one championship, not both
    if conds:
        sql += " where " + " and ".join(conds)
    if grain:
        sql += " group by " + ", ".join(k.split(" as ")[0] for k in keys)
    return f"m_{metric.name} as ({sql})"


def filtered_keys(filters: Filters) -> set[str]:
    """The holder keys a query's filters name (a driver, a team)."""
    named = {"driver_ref": filters.drivers, "constructor_ref": filters.constructors}
    return {key for key, values in named.items() if values}


def combined(metrics: list[Metric], grain: list[Entity]) -> str:
    """The metrics' CTEs side by side on the grain's keys."""
    first, *rest = metrics
    sql = f"m_{first.name}"
    for metric in rest:
        if grain:
            using = ", ".join(e.key for e in grain)
            sql += f" full outer join m_{metric.name} using ({using})"
        else:
            sql += f" cross join m_{metric.name}"
    return sql


def label_join(entity: Entity) -> str:
    label = f"(select {entity.key}, {entity.label} as label from {entity.table})"
    return f"left join {label} as l_{entity.name} on l_{entity.name}.{entity.key} = g.{entity.key}"


def without_join(metrics: list[Metric], grain: list[Entity]) -> tuple[list[str], str, str]:
    """CTEs of the metrics a group must never have had (all time), their joins and the
    condition that keeps the groups without them."""
    if not metrics or not grain:
        return [], "", ""
    using = ", ".join(e.key for e in grain)
    ctes = [metric_cte(m, grain, Filters()).replace("m_", "w_", 1) for m in metrics]
    joins = "".join(f" left join w_{m.name} using ({using})" for m in metrics)
    conds = " and ".join(f"coalesce(w_{m.name}.{m.name}, 0) = 0" for m in metrics)
    return ctes, joins, f" where {conds}"


def compile_query(query: TypedQuery, layer: Layer) -> str:
    try:
        metrics = [layer.metrics[m] for m in query.metrics]
        grain = [layer.entities[e] for e in query.grain]
        without = [layer.metrics[m] for m in query.without]
    except KeyError as unknown:
        raise NotCompilableError(f"not in the semantic layer: {unknown}") from unknown
    if not metrics:
        raise NotCompilableError("no metric")
    if query.shape == "count":
        return count_groups(query, layer)
    if query.shape == "difference":
        return difference(query, layer)
    ctes = [metric_cte(m, grain, query.filters) for m in metrics]
    w_ctes, w_joins, w_where = without_join(without, [layer.entities[e] for e in query.group_by])
    ctes += w_ctes
    if w_ctes:
        ctes.append(f"g as (select * from {combined(metrics, grain)}{w_joins}{w_where})")
    else:
        ctes.append(f"g as (select * from {combined(metrics, grain)})")
    columns, joins = [], []
    for entity in grain:
        if entity.table and entity.label:
            columns.append(f"l_{entity.name}.label as {entity.name}")
            joins.append(label_join(entity))
        else:
            columns.append(f"g.{entity.key} as {entity.name}")
    columns += [f"g.{m.name}" for m in metrics]
    sql = f"with {', '.join(ctes)} select {', '.join(columns)} from g"
    sql += "".join(f" {j}" for j in joins)
    lead = metrics[0]
    ranked = lead.unit != "race"  # a race named (first win) is a label, never compared to 0
    if (
        query.shape != "value"
        and query.order in ("best", "chronological", "earliest", "latest")
        and lead.better == "higher"
        and ranked
        and grain
        and not pinned(query)
    ):
        sql += f" where g.{lead.name} > 0"
    if grain:
        descending = (lead.better == "higher") == (query.order == "best")
        direction = "desc" if descending else "asc"
        ties = ", ".join(e.name for e in grain)
        editions = [f"g.{e.key}" for e in grain if e.name in query.per]
        if query.order == "chronological" and editions:  # each race's holder, in calendar order
            sql += f" order by {', '.join(editions)}, g.{lead.name} desc nulls last, {ties}"
        elif query.order in ("earliest", "latest") and editions:  # the first or last holder
            way = " desc" if query.order == "latest" else ""
            by_date = ", ".join(f"{e}{way}" for e in editions)
            sql += f" order by {by_date}, g.{lead.name} desc nulls last, {ties}"
        else:
            sql += f" order by g.{lead.name} {direction} nulls last, {ties}"
        limit = 1 if query.shape == "row" else query.limit or LIST_CAP
        sql += f" limit {int(limit)}"
    return sql


def pinned(query: TypedQuery) -> bool:
    """The answer groups by an entity the question named ("how many wins did Alonso get"):
    its row is the answer even at 0."""
    named = {"driver": query.filters.drivers, "constructor": query.filters.constructors}
    return query.group_by != () and all(named.get(e) for e in query.group_by) and not query.per


def count_groups(query: TypedQuery, layer: Layer) -> str:
    """How many groups (different drivers, teams) have the first metric: "how many different
    winners", "how many teams scored points"."""
    lead = layer.metrics[query.metrics[0]]
    listed = compile_query(
        TypedQuery((lead.name,), query.group_by, filters=query.filters, limit=10_000), layer
    )
    name = query.group_by[0] if query.group_by else "groups"
    return f"select count(*) as {name}s from ({listed}) as listed where {lead.name} > 0"


def difference(query: TypedQuery, layer: Layer) -> str:
    """One value: the first group's metric less the second's. Two named entities of the
    grouped kind are taken in the question's order ("how many more points did Russell score
    than Hamilton"); otherwise the two best-ranked groups ("the gap between P1 and P2"), the
    better less the worse."""
    lead = layer.metrics[query.metrics[0]]
    entity = layer.entities[query.group_by[0]] if query.group_by else layer.entities["driver"]
    grouped = replace(query, metrics=(lead.name,), group_by=(entity.name,), per=(), shape="list")
    named = {"driver": query.filters.drivers, "constructor": query.filters.constructors}
    pair = named.get(entity.name, ())
    ctes = f"with {metric_cte(lead, [entity], grouped.filters)}"
    value, key = f"m_{lead.name}.{lead.name}", f"m_{lead.name}.{entity.key}"
    if len(pair) == 2:
        first, second = (f"max({value}) filter (where {key} = {lit(k)})" for k in pair)
        return f"{ctes} select {first} - {second} as {lead.name}_difference from m_{lead.name}"
    direction = "desc" if lead.better == "higher" else "asc"
    ranked = (
        f"select {value} as v, row_number() over (order by {value} {direction} nulls last, "
        f"{key}) as n from m_{lead.name}"
    )
    gap = "max(v) filter (where n = 1) - max(v) filter (where n = 2)"
    if lead.better == "lower":
        gap = "max(v) filter (where n = 2) - max(v) filter (where n = 1)"
    return f"{ctes} select {gap} as {lead.name}_difference from ({ranked}) as ranked"
