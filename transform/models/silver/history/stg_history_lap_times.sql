-- depends_on: {{ source('bronze_history', 'lap_times') }}
{%- set columns = [
    'season', 'round', 'driver_ref', 'lap', 'position', 'milliseconds'
] %}
-- One row per driver per lap (when the history source holds lap times).
with source as (
    select * from {{ history_scan('lap_times', columns) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(driver_ref as varchar) as driver_ref,
        cast(lap as integer) as lap_number,
        cast(position as integer) as running_position,
        cast(milliseconds as bigint) as lap_time_ms
    from source
)

select * from final
