-- depends_on: {{ source('bronze_history', 'driver_standings') }}
{%- set columns = [
    'season', 'round', 'driver_ref', 'points', 'position', 'position_text', 'wins'
] %}
-- Drivers' championship after each round.
with source as (
    select * from {{ history_scan('driver_standings', columns) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(driver_ref as varchar) as driver_ref,
        cast(points as double) as points,
        cast(position as integer) as championship_position,
        cast(position_text as varchar) as position_text,
        cast(wins as integer) as wins
    from source
)

select * from final
