-- One row per driver: career totals over every championship race since 1950.
with results as (
    select * from {{ ref('fct_history_results') }}
),

sprints as (
    select * from {{ ref('stg_history_sprint_results') }}
),

titles as (
    select
        driver_ref,
        count(*) as championships
    from {{ ref('season_champions') }}
    where is_season_complete
    group by driver_ref
),

sprint_points as (
    select
        driver_ref,
        sum(points) as points
    from sprints
    group by driver_ref
),

totals as (
    select
        driver_ref,
        count(distinct event_id) as race_starts,
        count(distinct event_id) filter (where is_winner) as wins,
        count(distinct event_id) filter (where is_podium) as podiums,
        count(distinct event_id) filter (where is_pole) as poles,
        count(distinct event_id) filter (where is_fastest_lap) as fastest_laps,
        sum(points) as race_points,
        count(distinct season) as seasons,
        count(distinct constructor_ref) as teams,
        string_agg(distinct constructor_name, ', ' order by constructor_name) as team_names,
        min(season) as first_season,
        max(season) as last_season,
        arg_min(season || ' ' || race_name, race_date) as first_race,
        arg_max(season || ' ' || race_name, race_date) as last_race
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
        totals.race_starts as starts,  -- noqa: RF04
        totals.wins,
        totals.podiums,
        totals.poles,
        totals.fastest_laps,
        totals.race_points + coalesce(sprint_points.points, 0) as points,
        coalesce(titles.championships, 0) as championships,
        totals.seasons,
        totals.teams,
        totals.team_names,
        totals.first_season,
        totals.last_season,
        totals.first_race,
        totals.last_race
    from totals
    left join {{ ref('stg_history_drivers') }} as drivers on totals.driver_ref = drivers.driver_ref
    left join titles on totals.driver_ref = titles.driver_ref
    left join sprint_points on totals.driver_ref = sprint_points.driver_ref
)

select * from final
