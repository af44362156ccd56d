{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- One row per driver lap. Incremental by bronze partition: only sessions whose bronze
-- partition is new or re-ingested are read and replaced.
-- depends_on: {{ source('bronze', 'laps') }}
-- depends_on: {{ ref('bronze_files') }}
with source as (
    select * from {{ incremental_bronze_scan('laps') }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(driver_number as varchar) as driver_number,
        upper({{ clean_text('driver') }}) as driver_code,
        {{ clean_text('team') }} as team_name,
        cast(lap_number as integer) as lap_number,
        cast(stint as integer) as stint_number,
        {{ us_to_ms('lap_time_us') }} as lap_time_ms,
        {{ us_to_ms('sector1_time_us') }} as sector_1_ms,
        {{ us_to_ms('sector2_time_us') }} as sector_2_ms,
        {{ us_to_ms('sector3_time_us') }} as sector_3_ms,
        {{ us_to_ms('time_us') }} as lap_end_session_time_ms,
        {{ us_to_ms('lap_start_time_us') }} as lap_start_session_time_ms,
        {{ us_to_ms('pit_in_time_us') }} as pit_in_session_time_ms,
        {{ us_to_ms('pit_out_time_us') }} as pit_out_session_time_ms,
        cast(lap_start_date as timestamp) as lap_started_at,
        cast(speed_i1 as double) as speed_i1_kmh,
        cast(speed_i2 as double) as speed_i2_kmh,
        cast(speed_fl as double) as speed_fl_kmh,
        cast(speed_st as double) as speed_st_kmh,
        upper({{ clean_text('compound') }}) as compound,
        cast(tyre_life as integer) as tyre_life_laps,
        cast(fresh_tyre as boolean) as is_fresh_tyre,
        {{ clean_text('track_status') }} as track_status,
        cast(position as integer) as running_position,
        coalesce(cast(is_personal_best as boolean), false) as is_personal_best,
        coalesce(cast(deleted as boolean), false) as is_deleted,
        {{ clean_text('deleted_reason') }} as deleted_reason,
        coalesce(cast(fast_f1_generated as boolean), false) as is_fast_f1_generated,
        coalesce(cast(is_accurate as boolean), false) as is_accurate,
        pit_in_time_us is not null as is_pit_in_lap,
        pit_out_time_us is not null as is_pit_out_lap,
        cast(ingested_at as timestamp) as ingested_at
    from source
    where lap_number is not null and driver_number is not null
)

select
    typed.* replace (
        coalesce(typed.driver_code, season_drivers.driver_code) as driver_code
    ),
    typed.lap_time_ms is not null
    and typed.is_accurate
    and not typed.is_deleted
    and not typed.is_pit_in_lap
    and not typed.is_pit_out_lap
    and coalesce(typed.track_status, '1') = '1' as is_clean_lap,
    count(*) over (
        partition by typed.session_id, typed.driver_number, typed.lap_number
    ) as bronze_row_copies
from typed
left join {{ ref('season_drivers') }} as season_drivers
    on
        typed.season = season_drivers.season
        and typed.driver_number = season_drivers.driver_number
qualify row_number() over (
    partition by typed.session_id, typed.driver_number, typed.lap_number
    order by typed.ingested_at desc
) = 1
