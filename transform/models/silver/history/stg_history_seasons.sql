-- depends_on: {{ source('bronze_history', 'seasons') }}
{%- set columns = [
    'year', 'url'
] %}
-- One row per championship season.
with source as (
    select * from {{ history_scan('seasons', columns) }}
),

final as (
    select
        cast(year as integer) as season,
        cast(url as varchar) as wikipedia_url
    from source
)

select * from final
