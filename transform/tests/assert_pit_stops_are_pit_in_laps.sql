-- Each driver's pit-stop count equals their number of pit-in laps, in every served table.
with from_laps as (
    select
        session_id,
        driver_code,
        count(*) filter (where is_pit_in_lap) as pit_in_laps
    from {{ ref('fct_laps') }}
    group by session_id, driver_code
),

from_stops as (
    select
        session_id,
        driver_code,
        count(*) as pit_stops
    from {{ ref('fct_pit_stops') }}
    group by session_id, driver_code
)

select
    from_laps.session_id,
    from_laps.driver_code,
    from_laps.pit_in_laps,
    from_stops.pit_stops,
    driver_summary.pit_stops as summary_pit_stops
from from_laps
left join from_stops
    on
        from_laps.session_id = from_stops.session_id
        and from_laps.driver_code = from_stops.driver_code
left join {{ ref('driver_session_summary') }} as driver_summary
    on
        from_laps.session_id = driver_summary.session_id
        and from_laps.driver_code = driver_summary.driver_code
where
    from_laps.pit_in_laps != coalesce(from_stops.pit_stops, 0)
    or from_laps.pit_in_laps != driver_summary.pit_stops
