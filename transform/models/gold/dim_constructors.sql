-- One row per constructor that ever entered a championship race, 1950-today (rules in
-- dim_constructors.yml): keyed by the Ergast constructorRef; the name it raced under last
-- (dim_teams holds each season's name) and its team family.
with history as (
    select * from {{ ref('stg_history_constructors') }}
),

team_seasons as (
    select * from {{ ref('int_team_seasons') }}
),

spans as (
    select
        constructor_ref,
        min(season) as first_season,
        max(season) as last_season,
        arg_max(team_name, season) as latest_team_name,
        arg_max(team_family, season) as team_family
    from team_seasons
    group by constructor_ref
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
