-- One row per championship season: rounds scheduled and run, and whether it is complete
-- (rules in dim_seasons.yml): a season is complete when every scheduled round has its race
-- result sheet (a provisional timing order counts as run); until then no champion is final.
with events as (
    select * from {{ ref('dim_events') }}
),

race_results as (
    select distinct
        season,
        round
    from {{ ref('fct_results') }}
    where session_code = 'R' and position_order is not null
),

final as (
    select
        events.season,
        count(*) as rounds_scheduled,
        count(race_results.round) as rounds_run,
        max(race_results.round) as last_round_run,
        count(*) filter (where events.is_sprint_weekend) as sprint_weekends,
        count(race_results.round) = count(*) as is_complete
    from events
    left join race_results
        on events.season = race_results.season and events.round = race_results.round
    group by events.season
)

select * from final
