-- depends_on: {{ ref('bronze_files') }}
-- One row per OpenF1 position change (the API sends a row when a driver's position changes).
with source as (
    select * from {{ openf1_scan('position', {
        'driver_number': 'bigint', 'date': 'timestamptz', 'position': 'bigint'
    }) }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        cast(timezone('UTC', date) as timestamp) as position_at,
        cast(position as integer) as running_position,
        cast(timezone('UTC', ingested_at) as timestamp) as ingested_at
    from source
    where driver_number is not null and position is not null
),

final as (
    select distinct * from typed
)

select * from final
