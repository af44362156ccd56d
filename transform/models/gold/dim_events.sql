-- One row per championship Grand Prix 1950-today (rules in dim_events.yml): the Ergast race
-- and the Fast-F1 event of the same season and round are one event; each source fills what only
-- it has (Fast-F1: the weekend's format and sessions; Ergast: the circuit and its id).
with fastf1_events as (
    select * from {{ ref('stg_events') }}
),

races as (
    select * from {{ ref('stg_history_races') }}
),

circuits as (
    select * from {{ ref('stg_history_circuits') }}
),

sprint_rounds as (
    select distinct event_id
    from {{ ref('stg_history_sprint_results') }}
),

sessions as (
    select
        event_id,
        count(*) as sessions_ingested
    from {{ ref('stg_sessions') }}
    group by event_id
),

event_ids as (
    select event_id from fastf1_events
    union
    select event_id from races
),

final as (
    select
        event_ids.event_id,
        races.race_id,
        coalesce(races.season, fastf1_events.season) as season,
        coalesce(races.round, fastf1_events.round) as round,
        coalesce(fastf1_events.event_name, races.race_name) as event_name,
        coalesce(fastf1_events.official_event_name, races.race_name) as official_event_name,
        races.circuit_ref,
        circuits.circuit_name,
        {{ conformed_country('coalesce(circuits.country, fastf1_events.country)') }} as country,
        coalesce(fastf1_events.location, circuits.locality) as location,  -- noqa: RF04
        coalesce(races.race_date, fastf1_events.event_date) as event_date,
        coalesce(
            fastf1_events.event_format,
            case
                when races.sprint_date is not null or sprint_rounds.event_id is not null
                    then 'sprint'
                else 'conventional'
            end
        ) as event_format,
        coalesce(
            fastf1_events.is_sprint_weekend,
            races.sprint_date is not null or sprint_rounds.event_id is not null
        ) as is_sprint_weekend,
        coalesce(sessions.sessions_ingested, 0) as sessions_ingested,
        races.event_id is not null as is_in_history,
        fastf1_events.event_id is not null as is_in_fastf1
    from event_ids
    left join fastf1_events on event_ids.event_id = fastf1_events.event_id
    left join races on event_ids.event_id = races.event_id
    left join circuits on races.circuit_ref = circuits.circuit_ref
    left join sprint_rounds on event_ids.event_id = sprint_rounds.event_id
    left join sessions on event_ids.event_id = sessions.event_id
)

select * from final
