{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- depends_on: {{ source('bronze', 'weather') }}
-- depends_on: {{ ref('bronze_files') }}
-- One row per weather sample (about one a minute) per session.
with source as (
    select * from {{ incremental_bronze_scan('weather') }}
)

select
    {{ partition_keys() }},
    {{ us_to_ms('time_us') }} as session_time_ms,
    cast(air_temp as double) as air_temp_c,
    cast(track_temp as double) as track_temp_c,
    cast(humidity as double) as humidity_pct,
    cast(pressure as double) as pressure_mbar,
    cast(rainfall as boolean) as is_rainfall,
    cast(wind_direction as integer) as wind_direction_deg,
    cast(wind_speed as double) as wind_speed_ms,
    cast(ingested_at as timestamp) as ingested_at
from source
where time_us is not null
qualify row_number() over (
    partition by season, round, session, time_us order by ingested_at desc
) = 1
