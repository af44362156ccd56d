-- depends_on: {{ source('bronze_history', 'seasons') }}
-- One row per championship season.
with source as (
    select * from {{ history_scan('seasons', ['year', 'url']) }}
),

final as (
    select
        cast(year as integer) as season,
        cast(url as varchar) as wikipedia_url
    from source
)

select * from final
