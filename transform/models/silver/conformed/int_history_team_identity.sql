-- One row per Fast-F1 team per season with its Ergast constructor: Fast-F1's own team id when
-- it is an Ergast constructor_ref, else the constructor the team's drivers raced for in the
-- history that season (lineage by name: 'Kick Sauber' -> sauber, 'RB' -> rb, ...).
with teams as (
    select
        season,
        team_name,
        max(team_id) as team_id
    from {{ ref('stg_results') }}
    where team_name is not null
    group by season, team_name
),

drivers as (
    select distinct
        season,
        team_name,
        driver_ergast_id as driver_ref
    from {{ ref('stg_results') }}
    where team_name is not null and driver_ergast_id is not null
),

by_drivers as (
    select
        drivers.season,
        drivers.team_name,
        mode(results.constructor_ref) as constructor_ref
    from drivers
    inner join {{ ref('stg_history_results') }} as results
        on drivers.season = results.season and drivers.driver_ref = results.driver_ref
    group by drivers.season, drivers.team_name
),

constructors as (
    select * from {{ ref('stg_history_constructors') }}
),

final as (
    select
        teams.season,
        teams.team_name,
        coalesce(by_id.constructor_ref, by_drivers.constructor_ref) as constructor_ref,
        coalesce(by_id.constructor_name, named.constructor_name) as constructor_name,
        case
            when by_id.constructor_ref is not null then 'fastf1_team_id'
            when by_drivers.constructor_ref is not null then 'drivers'
        end as matched_by
    from teams
    left join constructors as by_id on teams.team_id = by_id.constructor_ref
    left join by_drivers
        on teams.season = by_drivers.season and teams.team_name = by_drivers.team_name
    left join constructors as named on by_drivers.constructor_ref = named.constructor_ref
)

select * from final
