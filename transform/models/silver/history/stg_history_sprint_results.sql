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
    from source
)

select * from final
