-- depends_on: {{ ref('bronze_files') }}
-- One row per championship event (pre-season testing, round 0, is left out).
with source as (
    select * from {{ source('bronze', 'events') }}
),

typed as (
    select
        cast(season as integer) as season,
        cast(round_number as integer) as round,
        printf('%04d-%02d', cast(season as integer), cast(round_number as integer)) as event_id,
        event_name,
        official_event_name,
        country,
        location,
        cast(event_date as date) as event_date,
        event_format,
        event_format in ('sprint', 'sprint_shootout', 'sprint_qualifying') as is_sprint_weekend,
        cast(f1_api_support as boolean) as is_f1_api_supported,
        nullif(nullif(session1, ''), 'None') as session_1_name,
        cast(session1_date_utc as timestamp) as session_1_start_at,
        nullif(nullif(session2, ''), 'None') as session_2_name,
        cast(session2_date_utc as timestamp) as session_2_start_at,
        nullif(nullif(session3, ''), 'None') as session_3_name,
        cast(session3_date_utc as timestamp) as session_3_start_at,
        nullif(nullif(session4, ''), 'None') as session_4_name,
        cast(session4_date_utc as timestamp) as session_4_start_at,
        nullif(nullif(session5, ''), 'None') as session_5_name,
        cast(session5_date_utc as timestamp) as session_5_start_at,
        cast(ingested_at as timestamp) as ingested_at
    from source
    where cast(round_number as integer) > 0
)

select * from typed
qualify row_number() over (partition by event_id order by ingested_at desc) = 1
