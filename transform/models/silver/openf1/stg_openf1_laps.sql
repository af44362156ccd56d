-- depends_on: {{ ref('bronze_files') }}
-- One row per OpenF1 lap (times in ms; the lap's start and end as UTC instants).
with source as (
    select * from {{ openf1_scan('laps', {
        'driver_number': 'bigint', 'lap_number': 'bigint', 'date_start': 'timestamptz',
        'lap_duration_us': 'bigint', 'duration_sector_1_us': 'bigint',
        'duration_sector_2_us': 'bigint', 'duration_sector_3_us': 'bigint',
        'i1_speed': 'bigint', 'i2_speed': 'bigint', 'st_speed': 'bigint',
        'is_pit_out_lap': 'boolean'
    }) }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        cast(lap_number as integer) as lap_number,
        {{ us_to_ms('lap_duration_us') }} as lap_time_ms,
        {{ us_to_ms('duration_sector_1_us') }} as sector_1_ms,
        {{ us_to_ms('duration_sector_2_us') }} as sector_2_ms,
        {{ us_to_ms('duration_sector_3_us') }} as sector_3_ms,
        cast(i1_speed as double) as speed_i1_kmh,
        cast(i2_speed as double) as speed_i2_kmh,
        cast(st_speed as double) as speed_st_kmh,
        coalesce(cast(is_pit_out_lap as boolean), false) as is_pit_out_lap,
        cast(timezone('UTC', date_start) as timestamp) as lap_started_at,
        cast(timezone('UTC', ingested_at) as timestamp) as ingested_at
    from source
    where driver_number is not null and lap_number is not null
),

deduplicated as (
    select * from typed
    qualify row_number() over (
        partition by session_id, driver_number, lap_number order by ingested_at desc
    ) = 1
),

-- a lap ends when its time has run, or else (no time: e.g. a retirement) when the next begins
final as (
    select
        *,
        coalesce(
            lap_started_at + to_milliseconds(lap_time_ms),
            lead(lap_started_at) over (
                partition by session_id, driver_number order by lap_number
            )
        ) as lap_ended_at
    from deduplicated
)

select * from final
