-- One row per driver per season Fast-F1 has them in: the code, car number, name and team colour
-- Fast-F1 shows for that driver (latest session of the season); labels for the Ergast rows of
-- the same drivers, so one driver reads the same in every mart.
with entries as (
    select * from {{ ref('int_fastf1_entries') }}
),

final as (
    select
        season,
        driver_ref,
        arg_max(conformed_driver_code, session_id) filter (
            where conformed_driver_code is not null
        ) as driver_code,
        arg_max(driver_number, session_id) as driver_number,
        arg_max(driver_full_name, session_id) filter (
            where driver_full_name is not null
        ) as driver_full_name,
        arg_max(team_colour_hex, session_id) filter (
            where team_colour_hex is not null
        ) as team_colour_hex
    from entries
    group by season, driver_ref
)

select * from final
