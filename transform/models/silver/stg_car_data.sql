{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- depends_on: {{ source('bronze', 'car_data') }}
{%- set has_bronze = first_bronze_file('car_data') is not none %}
-- depends_on: {{ ref('bronze_files') }}
-- One row per car telemetry sample (Fast-F1 `car_data`, about 4 Hz per car), only when the
-- session was ingested with --telemetry; otherwise an empty table with the same columns.
with source as (
    {% if has_bronze %}
        select * from {{ incremental_bronze_scan('car_data') }}
    {% else %}
        select
            cast(null as integer) as season,
            cast(null as varchar) as round,
            cast(null as varchar) as session,  -- noqa: RF04
            cast(null as varchar) as driver_number,
            cast(null as timestamptz) as date,  -- noqa: RF04
            cast(null as bigint) as session_time_us,
            cast(null as double) as speed,
            cast(null as double) as rpm,
            cast(null as integer) as n_gear,
            cast(null as double) as throttle,
            cast(null as boolean) as brake,
            cast(null as integer) as drs,
            cast(null as varchar) as fastf1_source,
            cast(null as timestamptz) as ingested_at
        where false
    {% endif %}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        cast(date as timestamp) as sample_at,
        {{ us_to_ms('session_time_us') }} as session_time_ms,
        cast(speed as double) as speed_kmh,
        cast(rpm as double) as rpm,
        cast(n_gear as integer) as gear,
        cast(throttle as double) as throttle_pct,
        cast(brake as boolean) as is_braking,
        cast(drs as integer) as drs_code,
        cast(fastf1_source as varchar) as sample_source,
        cast(ingested_at as timestamp) as ingested_at
    from source
    where driver_number is not null and session_time_us is not null
)

select * from typed
qualify row_number() over (
    partition by session_id, driver_number, session_time_ms order by ingested_at desc
) = 1
