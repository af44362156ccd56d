-- depends_on: {{ source('bronze_history', 'circuits') }}
{%- set columns = [
    'circuit_ref', 'name', 'location', 'country', 'lat', 'lng', 'url'
] %}
-- One row per circuit that held a championship race.
with source as (
    select * from {{ history_scan('circuits', columns, optional=['ergast_id']) }}
),

final as (
    select
        cast(circuit_ref as varchar) as circuit_ref,
        cast(ergast_id as integer) as circuit_id,
        cast(name as varchar) as circuit_name,
        cast(location as varchar) as locality,
        cast(country as varchar) as country,
        cast(lat as double) as latitude,
        cast(lng as double) as longitude,
        cast(url as varchar) as wikipedia_url
    from source
)

select * from final
