-- depends_on: {{ ref('bronze_files') }}
-- One row per OpenF1 pit stop: the lap it was made on and its pit-lane time.
with source as (
    select * from {{ openf1_scan('pit', {
        'driver_number': 'bigint', 'lap_number': 'bigint', 'date': 'timestamptz',
        'pit_duration_us': 'bigint'
    }) }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        cast(lap_number as integer) as in_lap_number,
        cast(timezone('UTC', date) as timestamp) as pit_entry_at,
        {{ us_to_ms('pit_duration_us') }} as pit_lane_time_ms,
        cast(timezone('UTC', ingested_at) as timestamp) as ingested_at
    from source
    where driver_number is not null
),

final as (
    select distinct * from typed
)

select * from final
