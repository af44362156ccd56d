-- depends_on: {{ source('bronze_history', 'pit_stops') }}
{%- set columns = [
    'season', 'round', 'driver_ref', 'stop', 'lap', 'time', 'milliseconds'
] %}
-- One row per pit stop (Ergast has pit stops from 2011).
with source as (
    select * from {{ history_scan('pit_stops', columns) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(driver_ref as varchar) as driver_ref,
        cast(stop as integer) as stop_number,
        cast(lap as integer) as lap_number,
        cast(time as varchar) as stop_time_of_day,
        cast(milliseconds as bigint) as pit_duration_ms
    from source
)

select * from final
