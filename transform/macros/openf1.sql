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
