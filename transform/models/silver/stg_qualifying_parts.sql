-- depends_on: {{ source('bronze', 'qualifying_parts') }}
-- depends_on: {{ ref('bronze_files') }}
-- One row per lap of a knock-out session (Q, SQ, SS) with the part it was driven in (1-3), as
-- Fast-F1's Laps.split_qualifying_sessions() splits the laps. Bronze ingested before the table
-- existed has no file of it: then an empty table with the same columns.
with source as (
    select * from {{ parquet_scan_or_empty(
        data_root() ~ '/bronze/qualifying_parts/season=*/round=*/session=*/*.parquet',
        {
            'season': 'varchar', 'round': 'varchar', 'session': 'varchar',
            'driver_number': 'varchar', 'lap_number': 'double', 'qualifying_part': 'bigint',
            'ingested_at': 'timestamptz'
        },
        hive_types_autocast=false
    ) }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        cast(lap_number as integer) as lap_number,
        cast(qualifying_part as integer) as qualifying_part,
        cast(timezone('UTC', ingested_at) as timestamp) as ingested_at
    from source
    where driver_number is not null and lap_number is not null
),

final as (
    select * from typed
    qualify row_number() over (
        partition by session_id, driver_number, lap_number order by ingested_at desc
    ) = 1
)

select * from final
