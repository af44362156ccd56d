{#- Helpers of the models over `python -m ml predict`'s output (predictions/, on the data root). -#}

{#- Every race's prediction file: predictions/season=YYYY/round=RR/part-0.parquet (ml/predict.py
    writes a hidden temp file beside it and renames it, so the temp file is never read). -#}
{% macro predictions_glob() -%}
    {{ data_root() }}/predictions/season=*/round=*/part-0.parquet
{%- endmacro %}

{#-
    The rows of every prediction file (season and round from the hive path, as text); before any
    `ml predict`, an empty relation with the given columns (name -> type), so the models build
    (empty) anyway.
-#}
{% macro predictions_scan(columns) -%}
    {%- set typed = {'season': 'varchar', 'round': 'varchar'} -%}
    {%- do typed.update(columns) -%}
    {{ parquet_scan_or_empty(predictions_glob(), typed, hive_types_autocast=false) }}
{%- endmacro %}
