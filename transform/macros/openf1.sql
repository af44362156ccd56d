{#- Helpers of the OpenF1 models (bronze/openf1/<endpoint>/, written by `python -m ingestion openf1`). -#}

{#-
    The rows of one OpenF1 bronze table (hive partition values as text: season, round,
    session); without any file yet, an empty relation with the given columns (name -> type),
    so every OpenF1 model builds (empty) anyway.
-#}
{% macro openf1_scan(endpoint, columns) -%}
    {%- set typed = {'season': 'varchar', 'round': 'varchar', 'session': 'varchar', 'ingested_at': 'timestamptz'} -%}
    {%- do typed.update(columns) -%}
    {{ parquet_scan_or_empty(data_root() ~ '/bronze/openf1/' ~ endpoint ~ '/season=*/round=*/session=*/*.parquet', typed, hive_types_autocast=false) }}
{%- endmacro %}

{#-
    Fast-F1's rows and OpenF1's in one relation (`union all by name`), the shape fct_laps and
    fct_pit_stops share: Fast-F1's rows get `<source_column>` = 'fastf1', OpenF1's models carry
    their own ('openf1') and hold only the sessions Fast-F1 has nothing for (precedence:
    Fast-F1 first). `filter` (e.g. only_new_sessions()) applies to both.
-#}
{% macro fastf1_and_openf1(fastf1_model, openf1_model, source_column, filter='') -%}
    select
        *,
        'fastf1' as {{ source_column }}
    from {{ ref(fastf1_model) }}
    {{ filter }}
    union all by name
    select * from {{ ref(openf1_model) }}
    {{ filter }}
{%- endmacro %}
