{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- depends_on: {{ source('bronze', 'sessions') }}
-- depends_on: {{ ref('bronze_files') }}
-- One row per ingested session, labelled from the season schedule.
with ingested as (
    select
        {{ partition_keys() }},
        max(cast(ingested_at as timestamp)) as ingested_at
    from {{ incremental_bronze_scan('sessions') }}
    group by all
),

scheduled as (
    select
        event_id,
        unnest([
            session_1_name, session_2_name, session_3_name, session_4_name, session_5_name
        ]) as session_name,
        unnest([
            session_1_start_at, session_2_start_at, session_3_start_at,
            session_4_start_at, session_5_start_at
        ]) as session_start_at
    from {{ ref('stg_events') }}
),

scheduled_codes as (
    select
        event_id,
        session_name,
        session_start_at,
        {{ session_code_from_name('session_name') }} as session_code
    from scheduled
)

select
    ingested.session_id,
    ingested.event_id,
    ingested.season,
    ingested.round,
    ingested.session_code,
    coalesce(
        scheduled_codes.session_name,
        case ingested.session_code
            when 'FP1' then 'Practice 1'
            when 'FP2' then 'Practice 2'
            when 'FP3' then 'Practice 3'
            when 'SQ' then 'Sprint Qualifying'
            when 'SS' then 'Sprint Shootout'
            when 'S' then 'Sprint'
            when 'Q' then 'Qualifying'
            when 'R' then 'Race'
        end
    ) as session_name,
    case
        when ingested.session_code in ('FP1', 'FP2', 'FP3') then 'practice'
        when ingested.session_code in ('SQ', 'SS') then 'sprint_qualifying'
        when ingested.session_code = 'S' then 'sprint'
        when ingested.session_code = 'Q' then 'qualifying'
        when ingested.session_code = 'R' then 'race'
    end as session_type,
    scheduled_codes.session_start_at,
    ingested.ingested_at
from ingested
left join scheduled_codes
    on
        ingested.event_id = scheduled_codes.event_id
        and ingested.session_code = scheduled_codes.session_code
qualify row_number() over (
    partition by ingested.session_id order by scheduled_codes.session_start_at
) = 1
