-- Every team name Fast-F1 uses in a season (it varies: 'Red Bull' and 'Red Bull Racing' in 2021)
-- with its constructor_ref and the season's one conformed name (int_team_seasons), so laps,
-- stints and summaries show the same team name as results and standings.
with fastf1_names as (
    select distinct
        season,
        team_name as fastf1_team_name,
        constructor_ref
    from {{ ref('int_fastf1_entries') }}
    where team_name is not null
),

final as (
    select
        fastf1_names.season,
        fastf1_names.fastf1_team_name,
        fastf1_names.constructor_ref,
        team_seasons.team_name
    from fastf1_names
    inner join {{ ref('int_team_seasons') }} as team_seasons
        on
            fastf1_names.season = team_seasons.season
            and fastf1_names.constructor_ref = team_seasons.constructor_ref
    -- one constructor per name and season (a name is never two teams in one season)
    qualify row_number() over (
        partition by fastf1_names.season, fastf1_names.fastf1_team_name
        order by fastf1_names.constructor_ref
    ) = 1
)

select * from final
