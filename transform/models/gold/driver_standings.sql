-- Drivers' championship after each round: points scored that round (race + sprint) and
-- cumulative, for every driver of the season (0 in rounds they did not score).
with scored as (
    select
        season,
        round,
        driver_code,
        sum(coalesce(points, 0)) as points
    from {{ ref('fct_results') }}
    where
        session_type in ('race', 'sprint') and driver_code is not null
        and season >= 2018  -- Fast-F1 era (history: silver.stg_history_driver_standings)
    group by season, round, driver_code
),

rounds as (
    select distinct
        season,
        round
    from scored
),

season_drivers as (
    select distinct
        season,
        driver_code
    from scored
),

grid as (
    select
        rounds.season,
        rounds.round,
        season_drivers.driver_code,
        coalesce(scored.points, 0) as points_in_round
    from rounds
    inner join season_drivers on rounds.season = season_drivers.season
    left join scored
        on
            rounds.season = scored.season
            and rounds.round = scored.round
            and season_drivers.driver_code = scored.driver_code
),

cumulative as (
    select
        *,
        sum(points_in_round) over (
            partition by season, driver_code order by round
            rows between unbounded preceding and current row
        ) as cumulative_points
    from grid
)

select
    printf('%04d-%02d', season, round) || '-' || driver_code as standing_id,
    printf('%04d-%02d', season, round) as event_id,
    season,
    round,
    driver_code,
    points_in_round,
    cumulative_points,
    rank() over (
        partition by season, round order by cumulative_points desc
    ) as championship_position
from cumulative
