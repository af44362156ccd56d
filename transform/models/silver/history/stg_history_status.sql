-- depends_on: {{ source('bronze_history', 'status') }}
{%- set columns = [
    'status'
] %}
-- Finishing status texts.
with source as (
    select * from {{ history_scan('status', columns) }}
),

final as (
    select cast(status as varchar) as status
    from source
)

select * from final
