{#-
    Partition-level incremental loading of a large bronze table.

    On a full build the model scans every partition. On an incremental build only the partitions
    (season/round/session) whose newest `ingested_at` is later than what the target already holds
    are read, so adding one round does not rescan every season.
-#}

{% macro bronze_partition_path(table, season, round, session) -%}
    {{ data_root() }}/bronze/{{ table }}/season={{ season }}/round={{ round }}/session={{ session }}/*.parquet
{%- endmacro %}

{#-
    Partitions of `table` whose session is not in the target yet. Found from the file listing
    alone (glob), so the cost does not grow with the rows already loaded. A session re-ingested
    with `--force` is picked up by `python -m transform build --full-refresh`.
-#}
{% macro changed_bronze_partitions(table) %}
    {% if not execute %}
        {{ return([]) }}
    {% endif %}
    {% set query %}
        with files as (
            select
                regexp_extract(
                    file,
                    'season=([0-9]+)/round=([0-9]+)/session=([A-Za-z0-9]+)/',
                    ['season', 'round', 'session']
                ) as part
            from glob('{{ data_root() }}/bronze/{{ table }}/season=*/round=*/session=*/*.parquet')
        ),

        partitions as (
            select distinct
                part.season as season,
                part.round as round,
                part.session as session,
                printf(
                    '%04d-%02d-%s', cast(part.season as integer),
                    cast(part.round as integer), part.session
                ) as session_id
            from files
        )

        select season, round, session
        from partitions
        where session_id not in (select distinct session_id from {{ this }})
        order by all
    {% endset %}
    {% set rows = run_query(query) %}
    {{ return(rows.rows | list) }}
{% endmacro %}

{#- The relation to select from: all of bronze, or only the changed partitions. -#}
{% macro incremental_bronze_scan(table) -%}
    {%- if is_incremental() -%}
        {%- set partitions = changed_bronze_partitions(table) -%}
        {%- if partitions | length == 0 -%}
            (select * from read_parquet('{{ first_bronze_file(table) }}', hive_partitioning = true) limit 0)
        {%- else -%}
            read_parquet([
            {%- for p in partitions %}
                '{{ bronze_partition_path(table, p[0], p[1], p[2]) }}'{{ "," if not loop.last }}
            {%- endfor %}
            ], hive_partitioning = true, union_by_name = true)
        {%- endif -%}
    {%- else -%}
        {{ source('bronze', table) }}
    {%- endif -%}
{%- endmacro %}

{#- In an incremental run, keep only sessions this model does not hold yet. -#}
{% macro only_new_sessions(column='session_id') -%}
    {%- if is_incremental() -%}
        where {{ column }} not in (select distinct session_id from {{ this }})
    {%- endif -%}
{%- endmacro %}

{#-
    Config of a model built session by session (delete+insert on session_id). Silver models
    reading bronze pass on_schema_change='append_new_columns' (Fast-F1 may add columns).
-#}
{% macro session_incremental_config(on_schema_change='fail') -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change=on_schema_change
    ) }}
{%- endmacro %}

{#- Predicate form of only_new_sessions (`true` outside incremental runs). -#}
{% macro is_new_session(column='session_id') -%}
    {%- if is_incremental() -%}
        {{ column }} not in (select distinct session_id from {{ this }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
