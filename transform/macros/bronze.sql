{#- Helpers that read bronze Parquet and normalise Fast-F1 types. -#}

{#- Root of the data lake; every bronze path hangs off it. -#}
{% macro data_root() -%}
    {{ return(env_var('EXTERNAL_DATA_ROOT', '../data') | replace('\\', '/')) }}
{%- endmacro %}

{#- read_parquet over every partition file of one bronze table (partition keys from the path). -#}
{% macro bronze_scan(table) -%}
    read_parquet('{{ data_root() }}/bronze/{{ table }}/**/*.parquet', hive_partitioning = true, union_by_name = true)
{%- endmacro %}

{#- One partition file of a bronze table (NULL when the table has none yet). -#}
{% macro first_bronze_file(table) %}
    {% if not execute %}
        {{ return(none) }}
    {% endif %}
    {% set rows = run_query(
        "select file from glob('" ~ data_root() ~ "/bronze/" ~ table
        ~ "/season=*/**/*.parquet') order by file desc limit 1"
    ) %}
    {{ return(rows.rows[0][0] if rows.rows | length > 0 else none) }}
{% endmacro %}

{#-
    A bronze duration (integer microseconds, `<name>_us`, see f1lake/bronze_contract.py) as
    integer milliseconds, rounded to the nearest; NULL stays NULL.
-#}
{% macro us_to_ms(column) -%}
    cast(round({{ column }} / 1000) as bigint)
{%- endmacro %}
{#- Build the shared keys from hive partition columns (`round` arrives as text like '04'). -#}
{% macro partition_keys(season='season', round='round', session='session') -%}
    cast({{ season }} as integer) as season,
    cast({{ round }} as integer) as round,
    cast({{ session }} as varchar) as session_code,
    printf('%04d-%02d', cast({{ season }} as integer), cast({{ round }} as integer)) as event_id,
    printf('%04d-%02d-%s', cast({{ season }} as integer), cast({{ round }} as integer), {{ session }}) as session_id
{%- endmacro %}

{#- Text with pandas/None artefacts ('', 'nan', 'None', 'NaT') turned into NULL. -#}
{% macro clean_text(column) -%}
    case
        when trim(cast({{ column }} as varchar)) in ('', 'nan', 'NaN', 'None', 'NaT', '<NA>') then null
        else trim(cast({{ column }} as varchar))
    end
{%- endmacro %}
