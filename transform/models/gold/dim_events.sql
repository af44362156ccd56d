-- One row per championship event with the labels the apps filter and display by.
with sessions as (
    select
        event_id,
        count(*) as sessions_ingested
    from {{ ref('stg_sessions') }}
    group by event_id
)

select
    events.event_id,
    events.season,
    events.round,
    events.event_name,
    events.official_event_name,
    events.country,
    events.location,
    events.event_date,
    events.event_format,
    events.is_sprint_weekend,
    coalesce(sessions.sessions_ingested, 0) as sessions_ingested
from {{ ref('stg_events') }} as events
left join sessions on events.event_id = sessions.event_id
