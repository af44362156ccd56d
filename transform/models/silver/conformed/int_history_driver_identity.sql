-- One row per Fast-F1 driver code with its Ergast driver_ref: the Ergast id Fast-F1 reports for
-- the code (latest session), else the history driver with that code who raced in 2018 or later
-- (Fast-F1's era), when exactly one did. Feeds gold.dim_drivers (one identity for both sources).
with fastf1 as (
    select
        driver_code,
        arg_max(driver_ergast_id, session_id) as driver_ref
    from {{ ref('stg_results') }}
    where driver_code is not null and driver_ergast_id is not null
    group by driver_code
),

codes as (
    select distinct driver_code
    from {{ ref('stg_results') }}
    where driver_code is not null
),

recent_history as (
    select
        drivers.driver_code,
        min(drivers.driver_ref) as driver_ref
    from {{ ref('stg_history_drivers') }} as drivers
    inner join {{ ref('stg_history_results') }} as results
        on drivers.driver_ref = results.driver_ref
    where results.season >= 2018 and drivers.driver_code is not null
    group by drivers.driver_code
    having count(distinct drivers.driver_ref) = 1
),

final as (
    select
        codes.driver_code,
        coalesce(fastf1.driver_ref, recent_history.driver_ref) as driver_ref,
        case
            when fastf1.driver_ref is not null then 'fastf1_ergast_id'
            when recent_history.driver_ref is not null then 'code'
        end as matched_by
    from codes
    left join fastf1 on codes.driver_code = fastf1.driver_code
    left join recent_history on codes.driver_code = recent_history.driver_code
)

select * from final
