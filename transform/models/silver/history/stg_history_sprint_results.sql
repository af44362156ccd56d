-- depends_on: {{ source('bronze_history', 'sprint_results') }}
{%- set columns = [
    'season', 'round', 'driver_ref', 'constructor_ref', 'number', 'grid', 'position',
    'position_text', 'position_order', 'points', 'laps', 'time', 'milliseconds',
    'fastest_lap', 'fastest_lap_rank', 'fastest_lap_time', 'fastest_lap_speed', 'status'
] %}
-- One row per entry of a sprint result sheet (2021-).
with source as (
    select * from {{ history_scan('sprint_results', columns) }}
),

final as (
    select
        {{ history_result_columns() | indent(8) }}
    from source
)

select * from final
