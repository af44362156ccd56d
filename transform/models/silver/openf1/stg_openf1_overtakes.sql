-- depends_on: {{ ref('bronze_files') }}
-- One row per OpenF1 overtake: who passed whom, when, and for which position.
with source as (
    select * from {{ openf1_scan('overtakes', {
        'overtaking_driver_number': 'bigint', 'overtaken_driver_number': 'bigint',
        'date': 'timestamptz', 'position': 'bigint'
    }) }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(overtaking_driver_number as varchar) as overtaking_driver_number,
        cast(overtaken_driver_number as varchar) as overtaken_driver_number,
        cast(timezone('UTC', date) as timestamp) as overtake_at,
        cast(position as integer) as position_gained,
        cast(timezone('UTC', ingested_at) as timestamp) as ingested_at
    from source
),

final as (
    select * from typed
)

select * from final
