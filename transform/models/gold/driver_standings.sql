-- Drivers' championship after each round (rules in driver_standings.yml): race + sprint points,
-- countback tie-break on Grand Prix finishes, and a flag on every round whose race or sprint
-- points are not in the warehouse, so the standings never silently undercount.
with results as (
    select * from {{ ref('fct_results') }}
    where
        session_type in ('race', 'sprint') and driver_code is not null
        and season >= 2018  -- Fast-F1 era (history: silver.stg_history_driver_standings)
),

scored as (
    select
        season,
        round,
        driver_code,
        sum(coalesce(points, 0)) as points
    from results
    group by season, round, driver_code
),

-- which race / sprint of a round has its points ingested
ingested as (
    select
        season,
        round,
        coalesce(bool_or(session_type = 'race' and points is not null), false) as has_race,
        coalesce(bool_or(session_type = 'sprint' and points is not null), false) as has_sprint
    from results
    group by season, round
),

last_rounds as (
    select
        season,
        max(round) as last_round
    from ingested
    group by season
),

-- every scheduled round up to the last one with any ingested race or sprint result
rounds as (
    select
        events.season,
        events.round,
        (
            coalesce(ingested.has_race, false)
            and (not events.is_sprint_weekend or coalesce(ingested.has_sprint, false))
        ) as is_round_complete
    from {{ ref('stg_events') }} as events
    inner join last_rounds
        on events.season = last_rounds.season and events.round <= last_rounds.last_round
    left join ingested on events.season = ingested.season and events.round = ingested.round
    where events.round >= 1
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
        rounds.is_round_complete,
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

-- countback: how often the driver finished 1st, 2nd, 3rd ... in Grand Prix races so far
finishes_to_date as (
    select
        grid.season,
        grid.round,
        grid.driver_code,
        histogram(race.finish_position) filter (
            where race.finish_position is not null
        ) as finishes
    from grid
    left join results as race
        on
            grid.season = race.season
            and grid.driver_code = race.driver_code
            and grid.round >= race.round
            and race.session_type = 'race'
            and race.is_classified
    group by grid.season, grid.round, grid.driver_code
),

cumulative as (
    select
        grid.*,
        sum(grid.points_in_round) over driver_rounds as cumulative_points,
        count(*) filter (
            where not grid.is_round_complete
        ) over driver_rounds as rounds_missing_to_date,
        list_transform(
            range(1, 41),
            lambda position: coalesce(finishes_to_date.finishes[position], 0)  -- noqa: RF02
        ) as countback_key
    from grid
    left join finishes_to_date
        on
            grid.season = finishes_to_date.season
            and grid.round = finishes_to_date.round
            and grid.driver_code = finishes_to_date.driver_code
    window driver_rounds as (
        partition by grid.season, grid.driver_code order by grid.round
        rows between unbounded preceding and current row
    )
),

final as (
    select
        printf('%04d-%02d', season, round) || '-' || driver_code as standing_id,
        printf('%04d-%02d', season, round) as event_id,
        season,
        round,
        driver_code,
        points_in_round,
        cumulative_points,
        rank() over (
            partition by season, round order by cumulative_points desc, countback_key desc
        ) as championship_position,
        is_round_complete,
        cast(rounds_missing_to_date as integer) as rounds_missing_to_date,
        rounds_missing_to_date = 0 as is_standing_complete
    from cumulative
)

select * from final
