{#-
    Partition-level incremental loading of a large bronze table.

    On a full build the model scans every partition. On an incremental build only the partitions
    (season/round/session) whose newest `ingested_at` is later than what the target already holds
    are read, so adding one round does not rescan every season.
-#}

{% macro bronze_partition_path(table, season, round, session) -%}
    {{ data_root() }}/bronze/{{ table }}/season={{ season }}/round={{ round }}/session={{ session }}/*.parquet
{%- endmacro %}

{% macro changed_bronze_partitions(table) %}
    {% if not execute %}
        {{ return([]) }}
    {% endif %}
    {% set query %}
        with bronze as (
            select
                cast(season as varchar) as season,
                cast(round as varchar) as round,
                cast(session as varchar) as session,
                max(ingested_at) as ingested_at
            from {{ bronze_scan(table) }}
            group by all
        ),

        loaded as (
            select session_id, max(ingested_at) as ingested_at
            from {{ this }}
            group by all
        )

        select bronze.season, bronze.round, bronze.session
        from bronze
        left join loaded
            on loaded.session_id = printf(
                '%04d-%02d-%s', cast(bronze.season as integer),
                cast(bronze.round as integer), bronze.session
            )
        where loaded.ingested_at is null or bronze.ingested_at > loaded.ingested_at
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
            (select * from {{ bronze_scan(table) }} limit 0)
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
