-- depends_on: {{ ref('bronze_files') }}
-- One row per OpenF1 session, keyed on the conformed session id (the ingestion mapped OpenF1's
-- session_key onto the Fast-F1 schedule's round and session code: the hive partition).
with source as (
    select * from {{ openf1_scan('sessions', {
        'session_key': 'bigint', 'meeting_key': 'bigint', 'session_name': 'varchar',
        'date_start': 'timestamptz', 'date_end': 'timestamptz'
    }) }}
),

typed as (
    select
        {{ partition_keys() }},
        cast(session_key as bigint) as openf1_session_key,
        cast(meeting_key as bigint) as openf1_meeting_key,
        cast(session_name as varchar) as session_name,
        cast(timezone('UTC', date_start) as timestamp) as session_start_at,
        cast(timezone('UTC', date_end) as timestamp) as session_end_at,
        cast(timezone('UTC', ingested_at) as timestamp) as ingested_at
    from source
),

final as (
    select * from typed
    qualify row_number() over (partition by session_id order by ingested_at desc) = 1
)

select * from final
