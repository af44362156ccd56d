-- depends_on: {{ source('bronze_history', 'constructor_standings') }}
{%- set columns = [
    'season', 'round', 'constructor_ref', 'points', 'position', 'position_text', 'wins'
] %}
-- Constructors' championship after each round (1958-).
with source as (
    select * from {{ history_scan('constructor_standings', columns) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(constructor_ref as varchar) as constructor_ref,
        cast(points as double) as points,
        cast(position as integer) as championship_position,
        cast(position_text as varchar) as position_text,
        cast(wins as integer) as wins
    from source
)

select * from final
