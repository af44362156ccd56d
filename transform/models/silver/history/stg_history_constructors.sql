-- depends_on: {{ source('bronze_history', 'constructors') }}
{%- set columns = [
    'constructor_ref', 'name', 'nationality', 'url'
] %}
-- One row per constructor (team entry) of the championship.
with source as (
    select * from {{ history_scan('constructors', columns, optional=['ergast_id']) }}
),

final as (
    select
        cast(constructor_ref as varchar) as constructor_ref,
        cast(ergast_id as integer) as constructor_id,
        cast(name as varchar) as constructor_name,
        cast(nationality as varchar) as nationality,
        cast(url as varchar) as wikipedia_url
    from source
)

select * from final
