{#- Helpers of the models over `python -m ml predict`'s output (predictions/, on the data root). -#}

{#- Every race's prediction file: predictions/season=YYYY/round=RR/part-0.parquet (ml/predict.py
    writes a hidden temp file beside it and renames it, so the temp file is never read). -#}
{% macro predictions_glob() -%}
    {{ data_root() }}/predictions/season=*/round=*/part-0.parquet
{%- endmacro %}

{#- Whether any race has been predicted yet (false at parse time). -#}
{% macro predictions_have_files() %}
    {% if not execute %}
        {{ return(false) }}
    {% endif %}
    {% set rows = run_query("select count(*) from glob('" ~ predictions_glob() ~ "')") %}
    {{ return(rows.rows[0][0] > 0) }}
{% endmacro %}

{#-
    The rows of every prediction file (season and round from the hive path, as text); before any
    `ml predict`, an empty relation with the given columns (name -> type), so the models build
    (empty) anyway.
-#}
{% macro predictions_scan(columns) -%}
    {%- if predictions_have_files() -%}
        read_parquet('{{ predictions_glob() }}', hive_partitioning = true, hive_types_autocast = false, union_by_name = true)
    {%- else -%}
        (select cast(null as varchar) as season, cast(null as varchar) as round,
        {%- for name, type in columns.items() %} cast(null as {{ type }}) as {{ name }}{{ "," if not loop.last }}{% endfor %} where false)
    {%- endif -%}
{%- endmacro %}
