-- One row per circuit: races held, first and last, and the drivers and teams with most wins.
with winners as (
    select * from {{ ref('fct_results') }}
    where session_code = 'R' and is_winner
),

races as (
    select * from {{ ref('dim_events') }}
    where
        circuit_ref is not null
        and event_id in (
            select results.event_id from {{ ref('fct_results') }} as results
            where results.session_code = 'R'
        )
),

held as (
    select
        circuit_ref,
        count(*) as races_held,
        min(season) as first_season,
        max(season) as last_season,
        arg_max(event_name, event_date) as latest_race_name
    from races
    group by circuit_ref
),

driver_wins as (
    select
        circuit_ref,
        driver_ref,
        any_value(driver_full_name) as driver_name,
        count(distinct event_id) as wins
    from winners
    group by circuit_ref, driver_ref
    qualify row_number() over (
        partition by circuit_ref order by count(distinct event_id) desc, min(event_date)
    ) = 1
),

team_wins as (
    select
        circuit_ref,
        constructor_ref,
        arg_max(team_name, season) as constructor_name,
        count(distinct event_id) as wins
    from winners
    group by circuit_ref, constructor_ref
    qualify row_number() over (
        partition by circuit_ref order by count(distinct event_id) desc, min(event_date)
    ) = 1
),

final as (
    select
        held.circuit_ref,
        circuits.circuit_name,
        circuits.locality,
        circuits.country,
        held.races_held,
        held.first_season,
        held.last_season,
        held.latest_race_name,
        driver_wins.driver_ref as most_wins_driver_ref,
        driver_wins.driver_name as most_wins_driver_name,
        driver_wins.wins as most_wins_driver_count,
        team_wins.constructor_ref as most_wins_constructor_ref,
        team_wins.constructor_name as most_wins_constructor_name,
        team_wins.wins as most_wins_constructor_count
    from held
    left join {{ ref('dim_circuits') }} as circuits
        on held.circuit_ref = circuits.circuit_ref
    left join driver_wins on held.circuit_ref = driver_wins.circuit_ref
    left join team_wins on held.circuit_ref = team_wins.circuit_ref
)

select * from final
