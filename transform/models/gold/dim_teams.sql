-- One row per team per season, with the team colour Fast-F1 gives for that season.
with appearances as (
    select
        season,
        team_name,
        session_id,
        team_id,
        team_colour_hex
    from {{ ref('stg_results') }}
    where team_name is not null
    union all
    select
        season,
        team_name,
        session_id,
        null as team_id,
        null as team_colour_hex
    from {{ ref('stg_laps') }}
    where team_name is not null
)

select
    printf('%04d-%s', season, team_name) as team_season_id,
    season,
    team_name,
    arg_max(team_id, session_id || team_id) filter (where team_id is not null) as team_id,
    arg_max(team_colour_hex, session_id || team_colour_hex) filter (
        where team_colour_hex is not null
    ) as team_colour_hex,
    count(distinct session_id) as sessions_count
from appearances
group by season, team_name
