-- One row per constructor: career totals over every championship race since 1950, by the rules
-- of gold.fct_results; points = the constructors' championship points of each season (1958-,
-- after exclusions such as McLaren's in 2007).
with races as (
    select * from {{ ref('fct_results') }}
    where session_code = 'R'
),

standings as (
    select * from {{ ref('fct_constructor_standings') }}
),

last_rounds as (
    select
        season,
        max(round) as last_round
    from standings
    group by season
),

season_final as (
    -- the standing after each season's last round: the points that counted (dropped scores);
    -- an exclusion from the championship (position 'E': McLaren 2007, Schumacher 1997) counts 0
    select
        standings.constructor_ref,
        sum(standings.points) as points
    from standings
    inner join last_rounds
        on standings.season = last_rounds.season and standings.round = last_rounds.last_round
    where standings.position_text != 'E'
    group by standings.constructor_ref
),

titles as (
    select
        constructor_ref,
        count(*) as championships
    from {{ ref('season_champions') }}
    where is_season_complete and constructor_ref is not null
    group by constructor_ref
),

totals as (
    select
        constructor_ref,
        count(distinct event_id) filter (where is_start) as starts,  -- noqa: RF04
        count(distinct event_id) as entries,
        count(distinct event_id) filter (where is_winner) as wins,
        count(*) filter (where is_podium) as podiums,
        count(distinct event_id) filter (where is_podium) as podium_races,
        count(distinct event_id) filter (where is_pole) as poles,
        count(distinct driver_ref) as drivers,
        count(distinct season) as seasons,
        min(season) as first_season,
        max(season) as last_season
    from races
    group by constructor_ref
),

final as (
    select
        totals.constructor_ref,
        constructors.constructor_name,
        constructors.nationality,
        totals.starts,
        totals.entries,
        totals.wins,
        totals.podiums,
        totals.podium_races,
        totals.poles,
        coalesce(season_final.points, 0) as points,
        coalesce(titles.championships, 0) as championships,
        totals.drivers,
        totals.seasons,
        totals.first_season,
        totals.last_season
    from totals
    inner join {{ ref('dim_constructors') }} as constructors
        on totals.constructor_ref = constructors.constructor_ref
    left join season_final on totals.constructor_ref = season_final.constructor_ref
    left join titles on totals.constructor_ref = titles.constructor_ref
)

select * from final
