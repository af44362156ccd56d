-- Every served pit stop with a Fast-F1/OpenF1 lap record is a race/sprint in-lap followed by the
-- driver's out-lap (pit_stops.yml), and driver_session_summary counts the same stops. (Ergast's
-- stops, pit_source 'ergast', carry their own record: checked against the CSVs by the truth suite.)
with all_stops as (
    select * from {{ ref('fct_pit_stops') }}
),

stops as (
    select * from all_stops
    where pit_source != 'ergast'
),

laps as (
    select * from {{ ref('fct_laps') }}
),

broken_stops as (
    select
        stops.session_id,
        stops.driver_code,
        'not an in-lap followed by an out-lap in a race or sprint' as problem
    from stops
    left join laps as in_lap
        on
            stops.session_id = in_lap.session_id
            and stops.driver_number = in_lap.driver_number
            and stops.in_lap_number = in_lap.lap_number
    left join laps as out_lap
        on
            stops.session_id = out_lap.session_id
            and stops.driver_number = out_lap.driver_number
            and stops.in_lap_number + 1 = out_lap.lap_number
    where
        stops.session_code not in ('R', 'S')
        or not coalesce(in_lap.is_pit_in_lap, false)
        or not coalesce(out_lap.is_pit_out_lap, false)
),

stop_counts as (
    select
        session_id,
        driver_code,
        count(*) as pit_stops
    from all_stops
    group by session_id, driver_code
),

miscounted as (
    select
        driver_summary.session_id,
        driver_summary.driver_code,
        'driver_session_summary.pit_stops differs from fct_pit_stops' as problem
    from {{ ref('driver_session_summary') }} as driver_summary
    left join stop_counts
        on
            driver_summary.session_id = stop_counts.session_id
            and driver_summary.driver_code = stop_counts.driver_code
    where driver_summary.pit_stops != coalesce(stop_counts.pit_stops, 0)
),

final as (
    select * from broken_stops
    union all
    select * from miscounted
)

select * from final
