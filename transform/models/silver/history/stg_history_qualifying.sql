-- depends_on: {{ source('bronze_history', 'qualifying') }}
{%- set columns = [
    'season', 'round', 'driver_ref', 'constructor_ref', 'number', 'position', 'q1',
    'q2', 'q3'
] %}
-- One row per driver per qualifying (Ergast has qualifying from 1994).
with source as (
    select * from {{ history_scan('qualifying', columns) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(driver_ref as varchar) as driver_ref,
        cast(constructor_ref as varchar) as constructor_ref,
        cast(number as integer) as car_number,
        cast(position as integer) as qualifying_position,
        {{ ergast_time_ms('q1') }} as q1_ms,
        {{ ergast_time_ms('q2') }} as q2_ms,
        {{ ergast_time_ms('q3') }} as q3_ms
    from source
)

select * from final
