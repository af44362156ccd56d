-- One row per constructor: career totals over every championship race since 1950.
with results as (
    select * from {{ ref('fct_history_results') }}
),

titles as (
    select
        constructor_ref,
        count(*) as championships
    from {{ ref('season_champions') }}
    where is_season_complete and constructor_ref is not null
    group by constructor_ref
),

points as (
    select
        constructor_ref,
        sum(points) as points
    from {{ ref('stg_history_constructor_results') }}
    group by constructor_ref
),

totals as (
    select
        constructor_ref,
        count(distinct event_id) as race_starts,
        count(distinct event_id) filter (where is_winner) as wins,
        count(distinct event_id) filter (where is_podium) as podium_races,
        count(*) filter (where is_podium) as podiums,
        count(distinct event_id) filter (where is_pole) as poles,
        count(distinct driver_ref) as drivers,
        count(distinct season) as seasons,
        min(season) as first_season,
        max(season) as last_season
    from results
    group by constructor_ref
),

final as (
    select
        totals.constructor_ref,
        constructors.constructor_name,
        constructors.nationality,
        totals.race_starts as starts,  -- noqa: RF04
        totals.wins,
        totals.podiums,
        totals.podium_races,
        totals.poles,
        coalesce(points.points, 0) as points,
        coalesce(titles.championships, 0) as championships,
        totals.drivers,
        totals.seasons,
        totals.first_season,
        totals.last_season
    from totals
    left join {{ ref('stg_history_constructors') }} as constructors
        on totals.constructor_ref = constructors.constructor_ref
    left join titles on totals.constructor_ref = titles.constructor_ref
    left join points on totals.constructor_ref = points.constructor_ref
)

select * from final
