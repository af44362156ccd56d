{{ session_incremental_config() }}
-- Car telemetry of each driver's best lap per session (the one definition: int_best_laps =
-- Fast-F1 `pick_fastest` per driver), with the distance covered since the lap started. Empty
-- unless sessions were ingested with --telemetry.
with fastest_laps as (
    select
        session_id,
        event_id,
        season,
        round,
        session_code,
        driver_number,
        driver_code,
        team_name,
        lap_number,
        lap_time_ms,
        lap_start_session_time_ms
    from {{ ref('int_best_laps') }}
    where
        lap_start_session_time_ms is not null
        and {{ is_new_session() }}
),

samples as (
    select * from {{ ref('stg_car_data') }}
    where {{ is_new_session() }}
),

lap_samples as (
    select
        fastest_laps.*,
        samples.session_time_ms - fastest_laps.lap_start_session_time_ms as lap_elapsed_ms,
        samples.speed_kmh,
        samples.throttle_pct,
        samples.is_braking,
        samples.gear,
        samples.rpm,
        samples.drs_code in (10, 12, 14) as is_drs_open,
        -- the previous sample, for the distance between the two
        lag(samples.speed_kmh) over sample_order as previous_speed_kmh,
        samples.session_time_ms
        - lag(samples.session_time_ms) over sample_order as since_previous_ms
    from fastest_laps
    inner join samples
        on
            fastest_laps.session_id = samples.session_id
            and fastest_laps.driver_number = samples.driver_number
            and fastest_laps.lap_start_session_time_ms <= samples.session_time_ms
            and fastest_laps.lap_start_session_time_ms + fastest_laps.lap_time_ms
            >= samples.session_time_ms
    window sample_order as (
        partition by samples.session_id, samples.driver_number order by samples.session_time_ms
    )
),

with_distance as (
    select
        *,
        row_number() over lap_order as sample_number,
        -- distance = integral of speed over time (trapezoids between consecutive samples)
        coalesce(sum(
            (speed_kmh + previous_speed_kmh) / 2 / 3.6 * since_previous_ms / 1000
        ) over lap_order, 0) as lap_distance_m
    from lap_samples
    window lap_order as (partition by session_id, driver_number order by lap_elapsed_ms)
),

final as (
    -- columns in the contract's order (fct_fastest_lap_telemetry.yml)
    select
        session_id || '-' || driver_number || '-'
        || lpad(cast(sample_number as varchar), 5, '0') as telemetry_sample_id,
        * exclude (
            lap_start_session_time_ms, previous_speed_kmh, since_previous_ms, sample_number,
            lap_distance_m
        ),
        cast(sample_number as integer) as sample_number,
        round(lap_distance_m, 1) as lap_distance_m
    from with_distance
)

select * from final
