-- Every Fast-F1 result row with the conformed keys:
-- driver_ref = the Ergast driverRef Fast-F1 reports for the row, else for that car number or
-- code in the same season, else the one history driver with that code since 2018, else the
-- surname (Ergast's convention for new refs); constructor_ref = Fast-F1's team id (an Ergast
-- constructorRef), else that team name's id in the same season, else the history's
-- constructor of its drivers.
with results as (
    select * from {{ ref('stg_results') }}
),

by_number as (
    select
        season,
        driver_number,
        arg_max(driver_ergast_id, session_id) as driver_ref
    from results
    where driver_ergast_id is not null
    group by season, driver_number
),

by_code as (
    select
        season,
        driver_code,
        arg_max(driver_ergast_id, session_id) as driver_ref
    from results
    where driver_ergast_id is not null and driver_code is not null
    group by season, driver_code
),

by_team_name as (
    select
        season,
        team_name,
        arg_max(team_id, session_id) as constructor_ref
    from results
    where team_id is not null and team_name is not null
    group by season, team_name
),

season_codes as (
    select * from {{ ref('season_drivers') }}
),

keyed as (
    select
        results.*,
        coalesce(results.driver_code, season_codes.driver_code) as conformed_driver_code,
        coalesce(
            results.driver_ergast_id, by_number.driver_ref, by_code.driver_ref,
            history_identity.driver_ref
        ) as matched_driver_ref,
        coalesce(
            results.team_id, by_team_name.constructor_ref, teams.constructor_ref
        ) as matched_constructor_ref
    from results
    left join by_number
        on results.season = by_number.season and results.driver_number = by_number.driver_number
    left join by_code
        on results.season = by_code.season and results.driver_code = by_code.driver_code
    left join by_team_name
        on results.season = by_team_name.season and results.team_name = by_team_name.team_name
    left join season_codes
        on
            results.season = season_codes.season
            and results.driver_number = season_codes.driver_number
    left join {{ ref('int_history_driver_identity') }} as history_identity
        on coalesce(results.driver_code, season_codes.driver_code) = history_identity.driver_code
    left join {{ ref('int_history_team_identity') }} as teams
        on results.season = teams.season and results.team_name = teams.team_name
),

final as (
    select
        * exclude (matched_driver_ref, matched_constructor_ref),
        -- no Ergast id anywhere (e.g. a practice-only rookie): the surname, Ergast's own convention
        coalesce(
            matched_driver_ref,
            regexp_replace(lower(strip_accents(last_name)), '[^a-z0-9]+', '_', 'g'),
            lower(conformed_driver_code),
            'car_' || driver_number
        ) as driver_ref,
        coalesce(
            matched_constructor_ref,
            regexp_replace(lower(strip_accents(team_name)), '[^a-z0-9]+', '_', 'g')
        ) as constructor_ref,
        matched_driver_ref is not null as is_driver_ref_matched
    from keyed
)

select * from final
