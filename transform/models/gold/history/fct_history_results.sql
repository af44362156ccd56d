-- One row per race result 1950- from the Ergast history, with names resolved.
with results as (
    select * from {{ ref('stg_history_results') }}
),

races as (
    select * from {{ ref('stg_history_races') }}
),

drivers as (
    select * from {{ ref('stg_history_drivers') }}
),

constructors as (
    select * from {{ ref('stg_history_constructors') }}
),

final as (
    select
        results.season,
        results.round,
        results.event_id,
        races.race_name,
        races.race_date,
        races.circuit_ref,
        results.driver_ref,
        drivers.driver_full_name,
        drivers.driver_code,
        drivers.nationality as driver_nationality,
        results.constructor_ref,
        constructors.constructor_name,
        results.car_number,
        results.grid_position,
        results.finish_position,
        results.position_text,
        results.position_order,
        results.points,
        results.laps_completed,
        results.race_time_ms,
        results.fastest_lap_rank,
        results.fastest_lap_ms,
        results.status,
        coalesce(results.finish_position = 1, false) as is_winner,
        coalesce(results.finish_position <= 3, false) as is_podium,
        coalesce(results.grid_position = 1, false) as is_pole,
        coalesce(results.fastest_lap_rank = 1, false) as is_fastest_lap
    from results
    inner join races on results.season = races.season and results.round = races.round
    left join drivers on results.driver_ref = drivers.driver_ref
    left join constructors on results.constructor_ref = constructors.constructor_ref
)

select * from final
