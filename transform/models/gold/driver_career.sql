-- One row per driver: career totals over every championship race and sprint since 1950, by the
-- rules of gold.fct_results (a start, a win, a podium of a shared drive, pole, fastest lap).
with results as (
    select * from {{ ref('fct_results') }}
    where session_code in ('R', 'S')
),

races as (
    select * from results
    where session_code = 'R'
),

standings as (
    select * from {{ ref('fct_driver_standings') }}
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
        standings.driver_ref,
        sum(standings.points) as championship_points
    from standings
    inner join last_rounds
        on standings.season = last_rounds.season and standings.round = last_rounds.last_round
    where standings.position_text != 'E'
    group by standings.driver_ref
),

titles as (
    select
        driver_ref,
        count(*) as championships
    from {{ ref('season_champions') }}
    where is_season_complete
    group by driver_ref
),

totals as (
    select
        driver_ref,
        count(distinct event_id) filter (where is_start) as starts,  -- noqa: RF04
        count(distinct event_id) as entries,
        count(distinct event_id) filter (where is_winner) as wins,
        -- a podium per classified top-3 entry: a 1950s driver in two cars can score two
        count(*) filter (where is_podium) as podiums,
        count(distinct event_id) filter (where is_pole) as poles,
        count(distinct event_id) filter (where has_fastest_lap) as fastest_laps,
        count(distinct event_id) filter (where is_dnf) as dnfs,
        count(distinct season) filter (where is_start) as seasons,
        count(distinct constructor_ref) as teams,
        string_agg(distinct team_name, ', ' order by team_name) as team_names,
        min(season) as first_season,
        max(season) as last_season,
        arg_min(season || ' ' || event_name, event_date) as first_race,
        arg_max(season || ' ' || event_name, event_date) as last_race
    from races
    group by driver_ref
),

all_points as (
    select
        driver_ref,
        sum(points) as points,
        count(*) filter (where session_code = 'S' and is_winner) as sprint_wins
    from results
    group by driver_ref
),

final as (
    select
        totals.driver_ref,
        drivers.driver_full_name as driver_name,
        drivers.driver_code,
        drivers.nationality,
        drivers.date_of_birth,
        totals.starts,
        totals.entries,
        totals.wins,
        totals.podiums,
        totals.poles,
        totals.fastest_laps,
        totals.dnfs,
        coalesce(all_points.points, 0) as points,
        coalesce(season_final.championship_points, 0) as championship_points,
        coalesce(all_points.sprint_wins, 0) as sprint_wins,
        coalesce(titles.championships, 0) as championships,
        totals.seasons,
        totals.teams,
        totals.team_names,
        totals.first_season,
        totals.last_season,
        totals.first_race,
        totals.last_race
    from totals
    inner join {{ ref('dim_drivers') }} as drivers on totals.driver_ref = drivers.driver_ref
    left join all_points on totals.driver_ref = all_points.driver_ref
    left join season_final on totals.driver_ref = season_final.driver_ref
    left join titles on totals.driver_ref = titles.driver_ref
)

select * from final
