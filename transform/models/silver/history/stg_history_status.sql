-- depends_on: {{ source('bronze_history', 'status') }}
-- Finishing status texts.
with source as (
    select * from {{ history_scan('status', ['status']) }}
),

final as (
    select
        cast(status as varchar) as status
    from source
)

select * from final
