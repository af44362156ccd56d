{{ session_incremental_config(on_schema_change='append_new_columns') }}
-- depends_on: {{ source('bronze', 'race_control') }}
-- depends_on: {{ ref('bronze_files') }}
-- One row per race-control message per session, numbered in time order.
with source as (
    select * from {{ incremental_bronze_scan('race_control') }}
),

typed as (
    select
        {{ partition_keys() }},
        cast("time" as timestamp) as message_at,
        {{ clean_text('category') }} as category,
        message,
        {{ clean_text('status') }} as status,
        {{ clean_text('flag') }} as flag,
        {{ clean_text('scope') }} as scope,
        try_cast(sector as integer) as sector,
        {{ clean_text('racing_number') }} as driver_number,
        try_cast(lap as integer) as lap_number,
        cast(ingested_at as timestamp) as ingested_at
    from source
),

deduplicated as (
    select distinct on (session_id, message_at, category, message, driver_number) *
    from typed
    order by
        session_id asc, message_at asc, category asc, message asc, driver_number asc,
        ingested_at desc
)

select
    *,
    row_number() over (
        partition by session_id order by message_at, category, message, driver_number
    ) as message_sequence
from deduplicated
