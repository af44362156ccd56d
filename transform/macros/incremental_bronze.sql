{#-
    Partition-level incremental loading of bronze, decided in the models themselves.

    A silver model reading bronze (stg_*) reloads a session when its bronze file's lineage
    differs from what the model holds: the `ingested_at` the file carries (read from the Parquet
    footer's statistics by lake.bronze_files, which runs first and re-reads only the footers of
    new or changed files) against the model's max(ingested_at) for the session.
    So a session re-ingested with `--force` is picked up by a plain `dbt build`. Models further
    down (is_new_session / only_new_sessions) take the sessions whose upstream lineage is newer
    than the bronze they had seen at their last successful run (lake.model_lineage, written by
    the post-hook of session_incremental_config).
-#}

{% macro bronze_partition_path(table, season, round, session) -%}
    {{ data_root() }}/bronze/{{ table }}/season={{ season }}/round={{ round }}/session={{ session }}/*.parquet
{%- endmacro %}

{#- Partitions of `table` whose session is not in the target yet or whose lineage changed. -#}
{% macro changed_bronze_partitions(table) %}
    {% if not execute or first_bronze_file(table) is none %}
        {{ return([]) }}
    {% endif %}
    {% set query %}
        with files as (
            select
                regexp_extract(
                    file_path,
                    'season=([0-9]+)/round=([0-9]+)/session=([A-Za-z0-9]+)/',
                    ['season', 'round', 'session']
                ) as part,
                cast(ingested_at as timestamp) as ingested_at
            from {{ ref('bronze_files') }}
            where
                bronze_table = '{{ table }}'
                and regexp_matches(file_path, '/season=[0-9]+/round=[0-9]+/session=[^/]+/[^/]+$')
        ),

        partitions as (
            select
                part.season as season,
                part.round as round,
                part.session as session,
                printf(
                    '%04d-%02d-%s', cast(part.season as integer),
                    cast(part.round as integer), part.session
                ) as session_id,
                max(ingested_at) as ingested_at
            from files
            group by all
        ),

        loaded as (
            select session_id, max(ingested_at) as ingested_at
            from {{ this }}
            group by session_id
        )

        select partitions.season, partitions.round, partitions.session
        from partitions
        left join loaded on partitions.session_id = loaded.session_id
        where loaded.ingested_at is distinct from partitions.ingested_at
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

{#- The lineage column beside a session_id column ('stints.session_id' -> 'stints.ingested_at'). -#}
{% macro _lineage_column(column) -%}
    {{ column[:-10] ~ 'ingested_at' if column.endswith('session_id') else 'ingested_at' }}
{%- endmacro %}

{#- The bronze lineage this model had seen at its last successful run (none: -infinity). -#}
{% macro _model_lineage() -%}
    coalesce((
        select max(ingested_at) from lake.model_lineage
        where model_name = '{{ this.identifier }}'
    ), '-infinity'::timestamp)
{%- endmacro %}

{#-
    Predicate: the row's session is new to this model, or its upstream lineage is newer than the
    bronze this model last saw (re-ingested). `true` outside incremental runs.
-#}
{% macro is_new_session(column='session_id') -%}
    {%- if is_incremental() -%}
        (
            {{ column }} not in (select distinct session_id from {{ this }})
            or {{ _lineage_column(column) }} > {{ _model_lineage() }}
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- In an incremental run, keep only sessions this model does not hold or that changed. -#}
{% macro only_new_sessions(column='session_id') -%}
    {%- if is_incremental() -%}
        where {{ is_new_session(column) }}
    {%- endif -%}
{%- endmacro %}

{#-
    After a model's successful run: remember the newest bronze lineage it has seen (the table
    is created by lake.bronze_files, which runs before every session-grain model).
-#}
{% macro record_model_lineage() -%}
    insert or replace into lake.model_lineage
    select
        '{{ this.identifier }}',
        (select timezone('UTC', max(ingested_at)) from lake.bronze_files),
        cast(now() at time zone 'UTC' as timestamp)
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
        on_schema_change=on_schema_change,
        post_hook="{{ record_model_lineage() }}"
    ) }}
{%- endmacro %}
