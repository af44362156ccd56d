-- Per season, each driver against each team-mate (rules in teammate_head_to_head.yml): qualifying
-- by qualifying position, races only where both were classified; DNFs counted beside.
with entries as (
    select
        session_id,
        season,
        team_name,
        driver_code,
        finish_position,
        is_classified,
        is_dnf,
        case session_type when 'qualifying' then 'qualifying' else 'race' end as comparison
    from {{ ref('fct_results') }}
    where
        session_type in ('qualifying', 'race')
        and driver_code is not null
        and team_name is not null
        and coalesce(classified_position, '') != 'W'
),

pairs as (
    select
        driver.season,
        driver.team_name,
        driver.comparison,
        driver.driver_code,
        teammate.driver_code as teammate_driver_code,
        -- compared: qualifying with both positions; races with both classified
        coalesce(
            driver.comparison = 'qualifying'
            or (driver.is_classified and teammate.is_classified), false
        )
        and driver.finish_position is not null
        and teammate.finish_position is not null as is_compared,
        driver.finish_position < teammate.finish_position as driver_ahead,
        driver.comparison = 'race' and driver.is_dnf as is_driver_dnf,
        driver.comparison = 'race' and teammate.is_dnf as is_teammate_dnf
    from entries as driver
    inner join entries as teammate
        on
            driver.session_id = teammate.session_id
            and driver.team_name = teammate.team_name
            and driver.driver_code != teammate.driver_code
    where driver.comparison = 'race' or driver.finish_position is not null
),

final as (
    select
        printf('%04d', season) || '-' || team_name || '-' || comparison || '-'
        || driver_code || '-' || teammate_driver_code as head_to_head_id,
        season,
        team_name,
        comparison,
        driver_code,
        teammate_driver_code,
        count(*) filter (where is_compared) as sessions_compared,
        count(*) filter (where is_compared and driver_ahead) as driver_ahead_count,
        count(*) filter (where is_compared and not driver_ahead) as teammate_ahead_count,
        count(*) filter (where is_driver_dnf) as driver_dnf_count,
        count(*) filter (where is_teammate_dnf) as teammate_dnf_count
    from pairs
    group by season, team_name, comparison, driver_code, teammate_driver_code
)

select * from final
