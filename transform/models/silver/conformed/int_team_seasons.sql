-- One row per team per season 1950-today (rules in gold dim_teams.yml): the ONE name every
-- mart shows for that team in that season (Fast-F1's entrant name where Fast-F1 has the season,
-- else the Ergast constructor name), its colour and the team family it belongs to.
with history_entries as (
    select
        season,
        constructor_ref
    from {{ ref('int_history_session_results') }}
    union all
    select
        season,
        constructor_ref
    from {{ ref('stg_history_qualifying') }}
),

fastf1_entries as (
    select * from {{ ref('int_fastf1_entries') }}
    where team_name is not null
),

fastf1_names as (
    select
        season,
        constructor_ref,
        mode(team_name) as team_name,
        arg_max(team_colour_hex, session_id) filter (
            where team_colour_hex is not null
        ) as team_colour_hex,
        count(distinct session_id) as sessions_count
    from fastf1_entries
    group by season, constructor_ref
),

team_seasons as (
    select distinct
        season,
        constructor_ref
    from history_entries
    union
    select
        season,
        constructor_ref
    from fastf1_names
),

final as (
    select
        printf('%04d-%s', team_seasons.season, team_seasons.constructor_ref) as team_season_id,
        team_seasons.season,
        team_seasons.constructor_ref,
        coalesce(
            fastf1_names.team_name, constructors.constructor_name, team_seasons.constructor_ref
        ) as team_name,
        team_seasons.constructor_ref as team_id,
        fastf1_names.team_colour_hex,
        coalesce(families.team_family, team_seasons.constructor_ref) as team_family,
        coalesce(fastf1_names.sessions_count, 0) as sessions_count,
        case
            when fastf1_names.team_name is not null then 'fastf1' else 'ergast'
        end as team_name_source
    from team_seasons
    left join fastf1_names
        on
            team_seasons.season = fastf1_names.season
            and team_seasons.constructor_ref = fastf1_names.constructor_ref
    left join {{ ref('stg_history_constructors') }} as constructors
        on team_seasons.constructor_ref = constructors.constructor_ref
    left join {{ ref('team_families') }} as families
        on
            team_seasons.constructor_ref = families.constructor_ref
            and team_seasons.season between families.first_season and families.last_season
)

select * from final
