{#- Helpers of the conformed (cross-source) models. -#}

{#- One country name across sources: Ergast's 'UK'/'USA'/'UAE'/'Korea' and Fast-F1's 'Great
    Britain'/'Abu Dhabi' as the names Fast-F1 uses elsewhere. -#}
{% macro conformed_country(column) -%}
    case {{ column }}
        when 'UK' then 'United Kingdom'
        when 'Great Britain' then 'United Kingdom'
        when 'USA' then 'United States'
        when 'UAE' then 'United Arab Emirates'
        when 'Abu Dhabi' then 'United Arab Emirates'
        when 'Korea' then 'South Korea'
        else {{ column }}
    end
{%- endmacro %}

{#-
    The championship after each round, computed from gold.fct_results by the modern sporting
    regulations (every race and sprint score counts; ties broken by countback on Grand Prix
    finishes), for `key` = driver_ref or constructor_ref. Rounds: every scheduled round (dim_events)
    up to the season's last round with a race or sprint result; a round whose race (or, on a
    sprint weekend, sprint) points are missing makes the standing incomplete from then on.
    Used only where the Ergast history has no standings (fct_*_standings.yml say why).
-#}
{% macro computed_standings(key) -%}
with results as (
    select * from {{ ref('fct_results') }}
    where session_type in ('race', 'sprint') and {{ season_in_scope() }}
),

scored as (
    select
        season,
        round,
        {{ key }},
        sum(coalesce(points, 0)) as points,
        count(*) filter (where session_type = 'race' and is_winner) as wins
    from results
    group by season, round, {{ key }}
),

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

rounds as (
    select
        events.season,
        events.round,
        (
            coalesce(ingested.has_race, false)
            and (not events.is_sprint_weekend or coalesce(ingested.has_sprint, false))
        ) as is_round_complete
    from {{ ref('dim_events') }} as events
    inner join last_rounds
        on events.season = last_rounds.season and events.round <= last_rounds.last_round
    left join ingested on events.season = ingested.season and events.round = ingested.round
),

competitors as (
    select distinct
        season,
        {{ key }}
    from scored
),

grid as (
    select
        rounds.season,
        rounds.round,
        rounds.is_round_complete,
        competitors.{{ key }},
        coalesce(scored.points, 0) as points_in_round,
        coalesce(scored.wins, 0) as wins_in_round
    from rounds
    inner join competitors on rounds.season = competitors.season
    left join scored
        on
            rounds.season = scored.season
            and rounds.round = scored.round
            and competitors.{{ key }} = scored.{{ key }}
),

-- countback: how often 1st, 2nd, 3rd ... in Grand Prix races so far
finishes_to_date as (
    select
        grid.season,
        grid.round,
        grid.{{ key }},
        histogram(race.finish_position) filter (
            where race.finish_position is not null
        ) as finishes
    from grid
    left join results as race
        on
            grid.season = race.season
            and grid.{{ key }} = race.{{ key }}
            and grid.round >= race.round
            and race.session_type = 'race'
    group by grid.season, grid.round, grid.{{ key }}
),

cumulative as (
    select
        grid.*,
        sum(grid.points_in_round) over competitor_rounds as points,
        sum(grid.wins_in_round) over competitor_rounds as wins,
        count(*) filter (
            where not grid.is_round_complete
        ) over competitor_rounds as rounds_missing_to_date,
        list_transform(
            range(1, 41),
            lambda position: coalesce(finishes_to_date.finishes[position], 0)  -- noqa: RF02
        ) as countback_key
    from grid
    left join finishes_to_date
        on
            grid.season = finishes_to_date.season
            and grid.round = finishes_to_date.round
            and grid.{{ key }} = finishes_to_date.{{ key }}
    window competitor_rounds as (
        partition by grid.season, grid.{{ key }} order by grid.round
        rows between unbounded preceding and current row
    )
)

select
    season,
    round,
    {{ key }},
    points_in_round,
    points,
    cast(rank() over (
        partition by season, round order by points desc, countback_key desc
    ) as integer) as position,
    cast(wins as integer) as wins,
    is_round_complete,
    cast(rounds_missing_to_date as integer) as rounds_missing_to_date
from cumulative
{%- endmacro %}
