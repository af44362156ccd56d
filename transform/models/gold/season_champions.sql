-- One row per season: the drivers' champion and (1958-) the constructors' champion - the
-- leaders of the standings after the season's last round with results - with points, wins and
-- the margin to second; is_season_complete (dim_seasons) says whether the title is decided.
with driver_standings as (
    select * from {{ ref('fct_driver_standings') }}
),

constructor_standings as (
    select * from {{ ref('fct_constructor_standings') }}
),

final_rounds as (
    select
        season,
        max(round) as final_round
    from driver_standings
    group by season
),

driver_final as (
    select
        driver_standings.*,
        row_number() over (
            partition by driver_standings.season
            order by driver_standings.position, driver_standings.driver_ref
        ) as rank_in_season,
        lead(driver_standings.points) over (
            partition by driver_standings.season
            order by driver_standings.position, driver_standings.driver_ref
        ) as runner_up_points
    from driver_standings
    inner join final_rounds
        on
            driver_standings.season = final_rounds.season
            and driver_standings.round = final_rounds.final_round
    where driver_standings.position is not null
),

constructor_final as (
    select
        constructor_standings.*,
        row_number() over (
            partition by constructor_standings.season
            order by constructor_standings.position, constructor_standings.constructor_ref
        ) as rank_in_season,
        lead(constructor_standings.points) over (
            partition by constructor_standings.season
            order by constructor_standings.position, constructor_standings.constructor_ref
        ) as runner_up_points
    from constructor_standings
    inner join final_rounds
        on
            constructor_standings.season = final_rounds.season
            and constructor_standings.round = final_rounds.final_round
    where constructor_standings.position is not null
),

final as (
    select
        final_rounds.season,
        final_rounds.final_round as rounds_completed,
        seasons.rounds_scheduled as races_scheduled,
        coalesce(seasons.is_complete, false) as is_season_complete,
        driver_final.driver_ref,
        driver_final.driver_full_name as driver_name,
        drivers.nationality as driver_nationality,
        driver_final.points as driver_points,
        driver_final.points - driver_final.runner_up_points as driver_margin_points,
        driver_final.wins as driver_wins,
        constructor_final.constructor_ref,
        constructor_final.team_name as constructor_name,
        constructor_final.points as constructor_points,
        constructor_final.points
        - constructor_final.runner_up_points as constructor_margin_points,
        constructor_final.wins as constructor_wins
    from final_rounds
    inner join driver_final
        on final_rounds.season = driver_final.season and driver_final.rank_in_season = 1
    left join {{ ref('dim_seasons') }} as seasons on final_rounds.season = seasons.season
    left join {{ ref('dim_drivers') }} as drivers on driver_final.driver_ref = drivers.driver_ref
    left join constructor_final
        on
            final_rounds.season = constructor_final.season
            and constructor_final.rank_in_season = 1
)

select * from final
