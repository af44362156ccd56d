-- Per season, each driver against each team-mate: who finished ahead in qualifying and races.
with classified as (
    select
        session_id,
        season,
        team_name,
        driver_code,
        finish_position,
        case session_type when 'qualifying' then 'qualifying' else 'race' end as comparison
    from {{ ref('fct_results') }}
    where
        session_type in ('qualifying', 'race')
        and finish_position is not null
        and driver_code is not null
        and team_name is not null
),

pairs as (
    select
        driver.season,
        driver.team_name,
        driver.comparison,
        driver.driver_code,
        teammate.driver_code as teammate_driver_code,
        driver.finish_position < teammate.finish_position as driver_ahead
    from classified as driver
    inner join classified as teammate
        on
            driver.session_id = teammate.session_id
            and driver.team_name = teammate.team_name
            and driver.driver_code != teammate.driver_code
)

select
    printf('%04d', season) || '-' || team_name || '-' || comparison || '-'
    || driver_code || '-' || teammate_driver_code as head_to_head_id,
    season,
    team_name,
    comparison,
    driver_code,
    teammate_driver_code,
    count(*) as sessions_compared,
    count(*) filter (where driver_ahead) as driver_ahead_count,
    count(*) filter (where not driver_ahead) as teammate_ahead_count
from pairs
group by season, team_name, comparison, driver_code, teammate_driver_code
