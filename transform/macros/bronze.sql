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

{#- Column name -> DuckDB type of a bronze table, read from one partition's Parquet schema. -#}
{% macro bronze_column_types(table) %}
    {% set file = first_bronze_file(table) %}
    {% if file is none %}
        {{ return({}) }}
    {% endif %}
    {% set rows = run_query("describe select * from read_parquet('" ~ file ~ "')") %}
    {% set types = {} %}
    {% for row in rows.rows %}
        {% do types.update({row[0]: row[1]}) %}
    {% endfor %}
    {{ return(types) }}
{% endmacro %}

{#-
    A Fast-F1 duration as integer milliseconds; NULL stays NULL. Parquet has no duration type:
    DuckDB reads an Arrow duration written by pandas as BIGINT nanoseconds, and a Parquet
    INTERVAL as INTERVAL. `types` comes from bronze_column_types().
-#}
{% macro interval_ms(column, types={}) -%}
    {%- set name = column | replace('"', '') -%}
    {%- set type = types.get(name, 'INTERVAL') -%}
    {%- if type == 'INTERVAL' -%}
        cast(round(epoch({{ column }}) * 1000) as bigint)
    {%- elif type in ('BIGINT', 'INTEGER', 'DOUBLE', 'HUGEINT') -%}
        cast(round({{ column }} / 1000000) as bigint)
    {%- elif type == '"NULL"' or type == 'NULL' -%}
        cast(null as bigint)
    {%- else -%}
        cast(round(epoch(cast({{ column }} as interval)) * 1000) as bigint)
    {%- endif -%}
{%- endmacro %}

{#- The Fast-F1 session code a schedule session name stands for. -#}
{% macro session_code_from_name(column) -%}
    case {{ column }}
        when 'Practice 1' then 'FP1'
        when 'Practice 2' then 'FP2'
        when 'Practice 3' then 'FP3'
        when 'Sprint Qualifying' then 'SQ'
        when 'Sprint Shootout' then 'SS'
        when 'Sprint' then 'S'
        when 'Qualifying' then 'Q'
        when 'Race' then 'R'
    end
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
