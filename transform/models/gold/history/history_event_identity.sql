-- One row per Fast-F1 event (2018-) with the Ergast race it is: same season and round, checked
-- by the race day (Fast-F1's event date = Ergast's race date).
with events as (
    select * from {{ ref('stg_events') }}
),

races as (
    select * from {{ ref('stg_history_races') }}
),

final as (
    select
        events.event_id,
        events.season,
        events.round,
        events.event_name,
        races.race_name,
        races.circuit_ref,
        races.race_date,
        coalesce(races.race_date = events.event_date, false) as race_day_agrees
    from events
    left join races on events.event_id = races.event_id
)

select * from final
