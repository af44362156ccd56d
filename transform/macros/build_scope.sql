{#-
    The build scope: the first season whose rows an incremental build may change.

    `python -m transform build` writes it into lake.build_scope before dbt runs
    (transform/input_state.py, build_scope_season): an incremental build from the same dbt code
    whose only changed inputs are Fast-F1 bronze files of seasons >= S sets S; every other build
    (full, new code, changed history or predictions, no scope known) leaves it NULL: everything.
    A season's rows depend on that season's and earlier seasons' inputs only (form to date,
    standings to date), so rows of seasons < S are the served build's, already tested. One known
    exception: the Fast-F1 code -> Ergast driver identity takes a code's latest session
    (int_history_driver_identity), so a code reused by another driver in season S re-maps earlier
    seasons in a full build only; `make verify-gold` (a full build) tests every row.

    Used (the rule written once) by
    - the data tests: a test of a model that has a `season` column reads only the rows in scope
      (get_where_subquery below); a full build (`make verify-gold`) tests every row;
    - the per-season incremental marts (season_incremental_config): they rebuild the seasons in
      scope and keep the others.
-#}

{#- Predicate: the row's season is in the build's scope (every season when none is set). -#}
{% macro in_build_scope(column='season') -%}
    {{ column }} >= coalesce((select max(from_season) from lake.build_scope), -32768)
{%- endmacro %}

{#- on-run-start: the scope table exists (empty: every season) for any dbt invocation. -#}
{% macro create_build_scope() -%}
    create schema if not exists lake;
    create table if not exists lake.build_scope (from_season integer)
{%- endmacro %}

{#-
    dbt's hook for a generic test's model (and its `where` config): rows of a model declaring a
    `season` column are limited to the build scope, AND-ed with the test's own `where`.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set scoped = execute and _has_season_column(relation) -%}
    {%- if scoped -%}
        {%- set where = (('(' ~ where ~ ') and ') if where else '') ~ in_build_scope() -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- Whether the test's model `relation` is a model of this project declaring a `season` column. -#}
{% macro _has_season_column(relation) -%}
    {%- for node_id in model.depends_on.nodes -%}
        {%- set node = graph.nodes.get(node_id) -%}
        {%- if node and node.resource_type == 'model'
            and (node.alias or node.name) | lower == relation.identifier | lower
            and node.schema | lower == relation.schema | lower -%}
            {%- do return('season' in node.columns) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do return(false) -%}
{%- endmacro %}

{#- Predicate of a per-season incremental mart: the season is in scope (`true` outside incremental
    runs: a full build computes every season). -#}
{% macro season_in_scope(column='season') -%}
    {%- if is_incremental() -%}
        {{ in_build_scope(column) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- pre-hook of a per-season incremental mart: drop the seasons in scope (then appended anew). -#}
{% macro delete_build_scope() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ in_build_scope() }}
    {%- endif -%}
{%- endmacro %}

{#-
    Config of a mart built season by season: an incremental run deletes the seasons in scope and
    appends them recomputed from inputs filtered with season_in_scope (each season's rows depend
    on that season's inputs only); rows of the other seasons stay. A full build makes the table.
-#}
{% macro season_incremental_config() -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_build_scope() }}"
    ) }}
{%- endmacro %}
