{#- Reading Parquet files that may not exist yet (history not ingested, no race predicted). -#}

{#- Whether the glob matches any file (false at parse time). -#}
{% macro glob_has_files(pattern) %}
    {% if not execute %}
        {{ return(false) }}
    {% endif %}
    {% set rows = run_query("select count(*) from glob('" ~ pattern ~ "')") %}
    {{ return(rows.rows[0][0] > 0) }}
{% endmacro %}

{#-
    The rows of every file the glob matches (hive partition values typed by DuckDB, or kept as
    text with hive_types_autocast=false); with no file yet,
    an empty relation with the given columns (name -> type; the partitions' names and text type
    included), so the models over it build (empty) anyway.
-#}
{% macro parquet_scan_or_empty(pattern, columns, hive_types_autocast=true) -%}
    {%- if glob_has_files(pattern) -%}
        read_parquet('{{ pattern }}', hive_partitioning = true, hive_types_autocast = {{ 'true' if hive_types_autocast else 'false' }}, union_by_name = true)
    {%- else -%}
        (select {% for name, type in columns.items() %}cast(null as {{ type }}) as {{ name }}{{ ", " if not loop.last }}{% endfor %} where false)
    {%- endif -%}
{%- endmacro %}

{#- Whether any file the glob matches has the column (false at parse time). -#}
{% macro parquet_has_column(pattern, column) %}
    {% if not execute %}
        {{ return(false) }}
    {% endif %}
    {% set rows = run_query(
        "select count(*) from parquet_schema('" ~ pattern ~ "') where name = '" ~ column ~ "'"
    ) %}
    {{ return(rows.rows[0][0] > 0) }}
{% endmacro %}
