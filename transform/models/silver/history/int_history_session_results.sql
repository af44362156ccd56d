-- Every Ergast race and sprint result sheet entry, with the session it belongs to: the one union
-- of results and sprint_results the models comparing with or completing Fast-F1 read.
with races as (
    select * from {{ ref('stg_history_results') }}
),

sprints as (
    select * from {{ ref('stg_history_sprint_results') }}
),

final as (
    select
        *,
        'R' as session_code,
        'race' as session_type
    from races
    union all
    select
        *,
        'S' as session_code,
        'sprint' as session_type
    from sprints
)

select * from final
