{#- Helpers of the Ergast history models (bronze/history/, written by `python -m ingestion history`). -#}

{#-
    The rows of one history bronze table; without any file yet (history not ingested), an empty
    relation with the given columns as text, so every history model builds (empty) anyway.
    `optional` columns were added to the bronze schema later (ingestion/history/schema.py, e.g.
    `ergast_id`): when no file has one (history bronze written before it), it is NULL text.
-#}
{% macro history_scan(table, columns, optional=[]) -%}
    {%- set typed = {} -%}
    {%- for column in columns + optional %}{% do typed.update({column: 'varchar'}) %}{% endfor -%}
    {%- set pattern = data_root() ~ '/bronze/history/' ~ table ~ '/**/*.parquet' -%}
    {%- set missing = [] -%}
    {%- if optional and glob_has_files(pattern) -%}
        {%- for column in optional -%}
            {%- if not parquet_has_column(pattern, column) -%}
                {%- do missing.append(column) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if missing -%}
        (select *, {% for column in missing %}cast(null as varchar) as {{ column }}{{ ", " if not loop.last }}{% endfor %} from {{ parquet_scan_or_empty(pattern, typed) }})
    {%- else -%}
        {{ parquet_scan_or_empty(pattern, typed) }}
    {%- endif -%}
{%- endmacro %}

{#- An Ergast time text ('1:27.452', '27.452' or '1:34:50.616') as integer milliseconds. -#}
{% macro ergast_time_ms(column) -%}
    case
        when regexp_full_match(cast({{ column }} as varchar), '[0-9]+(:[0-9]+){0,2}(\.[0-9]+)?')
            then cast(round((
                cast(string_split(cast({{ column }} as varchar), ':')[-1] as double)
                + coalesce(cast(string_split(cast({{ column }} as varchar), ':')[-2] as double), 0) * 60
                + coalesce(cast(string_split(cast({{ column }} as varchar), ':')[-3] as double), 0) * 3600
            ) * 1000) as bigint)
    end
{%- endmacro %}

{#- The typed columns of a history result sheet (races and sprints share them). -#}
{% macro history_result_columns() -%}
cast(season as integer) as season,
cast(round as integer) as round,
printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
cast(driver_ref as varchar) as driver_ref,
cast(constructor_ref as varchar) as constructor_ref,
cast(number as integer) as car_number,
cast(nullif(cast(grid as integer), 0) as integer) as grid_position,
cast(position as integer) as finish_position,
cast(position_text as varchar) as position_text,
cast(position_order as integer) as position_order,
cast(points as double) as points,
cast(laps as integer) as laps_completed,
cast(time as varchar) as race_time_text,
cast(milliseconds as bigint) as race_time_ms,
cast(fastest_lap as integer) as fastest_lap_number,
cast(fastest_lap_rank as integer) as fastest_lap_rank,
{{ ergast_time_ms('fastest_lap_time') }} as fastest_lap_ms,
cast(fastest_lap_speed as double) as fastest_lap_speed_kmh,
cast(status as varchar) as status
{%- endmacro %}
