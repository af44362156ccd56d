-- depends_on: {{ source('bronze_history', 'constructor_results') }}
{%- set columns = [
    'season', 'round', 'constructor_ref', 'points', 'status'
] %}
-- Points per constructor per race (race plus sprint).
with source as (
    select * from {{ history_scan('constructor_results', columns) }}
),

final as (
    select
        cast(season as integer) as season,
        cast(round as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round as integer)) as event_id,
        cast(constructor_ref as varchar) as constructor_ref,
        cast(points as double) as points,
        cast(status as varchar) as status
    from source
)

select * from final
