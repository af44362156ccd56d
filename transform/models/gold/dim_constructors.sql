-- One row per constructor that ever entered a championship race, 1950-today (rules in
-- dim_constructors.yml): keyed by the Ergast constructorRef; the name it raced under last
-- (dim_teams holds each season's name) and its team family.
with history as (
    select * from {{ ref('stg_history_constructors') }}
),

team_seasons as (
    select * from {{ ref('int_team_seasons') }}
),

-- seasons with a championship race or sprint entry (else any season the team appears in)
race_seasons as (
    select
        constructor_ref,
        season
    from {{ ref('int_history_session_results') }}
    union
    select
        constructor_ref,
        season
    from {{ ref('int_fastf1_entries') }}
    where session_code in ('R', 'S')
),

spans as (
    select
        team_seasons.constructor_ref,
        coalesce(min(race_seasons.season), min(team_seasons.season)) as first_season,
        coalesce(max(race_seasons.season), max(team_seasons.season)) as last_season,
        arg_max(team_seasons.team_name, team_seasons.season) as latest_team_name,
        arg_max(team_seasons.team_family, team_seasons.season) as team_family
    from team_seasons
    left join race_seasons
        on
            team_seasons.constructor_ref = race_seasons.constructor_ref
            and team_seasons.season = race_seasons.season
    group by team_seasons.constructor_ref
),

constructor_refs as (
    select constructor_ref from history
    union
    select constructor_ref from spans
),

final as (
    select
        constructor_refs.constructor_ref,
        history.constructor_id,
        coalesce(
            history.constructor_name, spans.latest_team_name, constructor_refs.constructor_ref
        ) as constructor_name,
        spans.latest_team_name,
        history.nationality,
        coalesce(spans.team_family, constructor_refs.constructor_ref) as team_family,
        spans.first_season,
        spans.last_season,
        case
            when history.constructor_ref is not null then 'ergast' else 'fastf1'
        end as constructor_source
    from constructor_refs
    left join history on constructor_refs.constructor_ref = history.constructor_ref
    left join spans on constructor_refs.constructor_ref = spans.constructor_ref
)

select * from final
